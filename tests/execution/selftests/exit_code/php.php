<?php
stream_get_contents(STDIN);
echo "out\n";
fwrite(STDERR, "err\n");
exit(42);
