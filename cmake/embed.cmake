# Turn a text file into a C string: -DIN=file -DOUT=file.c
file(READ ${IN} HEX HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," BYTES "${HEX}")
file(WRITE ${OUT} "/* generated from ${IN} */\nstatic const char gg_baseline_bytes[] = {${BYTES} 0x00};\n"
                  "const char *gg_baseline_json(void) { return gg_baseline_bytes; }\n")
