fread(stdin, Inf);
printf("out\n");
fprintf(stderr, "err\n");
exit(42);
