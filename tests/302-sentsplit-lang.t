#!/bin/sh
# sentsplit -L: other languages and scripts (own sentences).
. "${0%/*}/lib.sh"
PROG=$BIN/sentsplit

t 'German ordinal' '-L de' 'Am 3. Mai kam er. Dann ging er.\n' 'Am 3. Mai kam er.\nDann ging er.\n'
t 'German z. B.' '-L de' 'Obst, z. B. Birnen, ist gesund.\n' 'Obst, z. B. Birnen, ist gesund.\n'
t 'German quotes' '-L de' '\342\200\236Komm.\342\200\234 Er kam.\n' '\342\200\236Komm.\342\200\234\nEr kam.\n'
t 'German year is no ordinal' '-L de' 'Das war 2019. Dann kam Corona.\n' 'Das war 2019.\nDann kam Corona.\n'
t 'Danish skt.' '-L da' 'Vi fejrer skt. Hans. Det er sjovt.\n' 'Vi fejrer skt. Hans.\nDet er sjovt.\n'
t 'Slovak Roman ordinal' '-L sk' 'Bol to XII. Zbor v meste.\n' 'Bol to XII. Zbor v meste.\n'
t 'Spanish inverted marks' '-L es' '\302\241Hola! \302\277Qu\303\251 tal? Bien.\n' '\302\241Hola!\n\302\277Qu\303\251 tal?\nBien.\n'
t 'Spanish title' '-L es' 'Vino la Srta. Ruiz. Luego se fue.\n' 'Vino la Srta. Ruiz.\nLuego se fue.\n'
t 'French guillemets' '-L fr' 'Il a dit \302\253 non. \302\273 Puis il est parti.\n' 'Il a dit \302\253 non. \302\273\nPuis il est parti.\n'
t 'Italian Sig.ra' '-L it' 'Buongiorno Sig.ra Rossi! Come va?\n' 'Buongiorno Sig.ra Rossi!\nCome va?\n'
t 'Russian abbreviation' '-L ru' '\320\255\321\202\320\276 \321\202.\320\265. \320\277\321\200\320\276\321\201\321\202\320\276.\n' '\320\255\321\202\320\276 \321\202.\320\265. \320\277\321\200\320\276\321\201\321\202\320\276.\n'
t 'Japanese full stops' '-L ja' '\351\233\250\343\201\247\343\201\231\343\200\202\346\231\264\343\202\214\343\201\247\343\201\231\343\200\202\n' '\351\233\250\343\201\247\343\201\231\343\200\202\n\346\231\264\343\202\214\343\201\247\343\201\231\343\200\202\n'
t 'Chinese brackets hold' '-L zh' '\346\210\221\347\234\213\343\200\212\345\245\275\357\274\201\343\200\213\343\200\202\345\245\275\343\200\202\n' '\346\210\221\347\234\213\343\200\212\345\245\275\357\274\201\343\200\213\343\200\202\n\345\245\275\343\200\202\n'
t 'fullwidth decimal' '-L ja' '\357\274\223\357\274\216\357\274\225\343\201\247\343\201\231\343\200\202\n' '\357\274\223\357\274\216\357\274\225\343\201\247\343\201\231\343\200\202\n'
t 'Hindi danda' '-L hi' '\340\244\257\340\244\271 \340\244\262\340\244\276\340\244\262 \340\244\271\340\245\210\340\245\244 \340\244\265\340\244\271 \340\244\250\340\245\200\340\244\262\340\244\276 \340\244\271\340\245\210\340\245\244\n' '\340\244\257\340\244\271 \340\244\262\340\244\276\340\244\262 \340\244\271\340\245\210\340\245\244\n\340\244\265\340\244\271 \340\244\250\340\245\200\340\244\262\340\244\276 \340\244\271\340\245\210\340\245\244\n'
t 'Arabic question mark' '-L ar' '\331\205\330\247\330\260\330\247\330\237 \331\204\330\247 \330\264\331\212\330\241.\n' '\331\205\330\247\330\260\330\247\330\237\n\331\204\330\247 \330\264\331\212\330\241.\n'
t 'Armenian colon' '-L hy' '\324\261\325\265\325\275\325\272\325\245\325\275: \324\261\325\265\325\266\325\272\325\245\325\275:\n' '\324\261\325\265\325\275\325\272\325\245\325\275:\n\324\261\325\265\325\266\325\272\325\245\325\275:\n'
t 'Greek question mark' '-L el' '\316\240\316\277\317\215; \316\225\316\264\317\216.\n' '\316\240\316\277\317\215;\n\316\225\316\264\317\216.\n'
t 'Amharic stops without spaces' '-L am' '\341\210\260\341\210\213\341\215\247\341\210\260\341\210\213\341\215\242\n' '\341\210\260\341\210\213\341\215\247\n\341\210\260\341\210\213\341\215\242\n'
t 'Danish short word before lower case' '-L da' 'Det koster 13 mia. kroner i alt.\n' 'Det koster 13 mia. kroner i alt.\n'
t 'Italian lower-case start after a word' '-L it' 'Condizioni della servit\303\271. ma nei terreni medesimi.\n' 'Condizioni della servit\303\271.\nma nei terreni medesimi.\n'
t 'English short word before lower case' '-L en' 'I had it. the food was cold.\n' 'I had it.\nthe food was cold.\n'
t 'Armenian full stop before lower case' '-L hy' '\325\200\325\245\325\277\326\207\325\265\325\241\325\254 \325\257\325\241\325\246\325\264\325\270\325\276. \325\241\325\257\325\241\325\244\325\245\325\264\325\253\325\257\325\270\325\275\325\266\325\245\326\200 \325\245\325\257\325\241\325\266:\n' '\325\200\325\245\325\277\326\207\325\265\325\241\325\254 \325\257\325\241\325\246\325\264\325\270\325\276. \325\241\325\257\325\241\325\244\325\245\325\264\325\253\325\257\325\270\325\275\325\266\325\245\326\200 \325\245\325\257\325\241\325\266:\n'
t 'language with region' '-L en_US' 'Hi. Bye.\n' 'Hi.\nBye.\n'
check_filter 'unknown language' 2 '' $PROG -L xx </dev/null

done_testing
