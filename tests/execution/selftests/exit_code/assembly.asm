section .data
    out_message db "out", 10
    err_message db "err", 10

section .bss
    buffer resb 65536

section .text
    global _start
_start:
.drain:
    xor eax, eax                ; read(0, buffer, 65536) until it returns 0
    xor edi, edi
    lea rsi, [rel buffer]
    mov edx, 65536
    syscall
    test rax, rax
    jg .drain
    mov eax, 1                  ; write(1, "out\n", 4)
    mov edi, 1
    lea rsi, [rel out_message]
    mov edx, 4
    syscall
    mov eax, 1                  ; write(2, "err\n", 4)
    mov edi, 2
    lea rsi, [rel err_message]
    mov edx, 4
    syscall
    mov eax, 60                 ; exit(42)
    mov edi, 42
    syscall
