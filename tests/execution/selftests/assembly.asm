; Prints OK and the Unicode line of its own source only if the assembler, the linker and Linux
; system calls read all of stdin, add up its numbers and pass Unicode (UTF-8 bytes) through.
section .data
    expected db "héllo wörld ✓ 世界 🎉"
    expected_len equ $ - expected
    ok_prefix db "OK "
    newline db 10
    fail_message db "FAIL", 10

section .bss
    buffer resb 1048576
    buffer_size equ 1048576

section .text
    global _start
_start:
    xor r12d, r12d              ; r12: bytes read so far
.read:
    xor eax, eax                ; read(0, buffer + r12, buffer_size - r12)
    xor edi, edi
    lea rsi, [rel buffer]
    add rsi, r12
    mov rdx, buffer_size
    sub rdx, r12
    jz .fail                    ; more input than the buffer holds
    syscall
    test rax, rax
    js .fail
    jz .parse
    add r12, rax
    jmp .read
.parse:
    lea rsi, [rel buffer]       ; rsi: cursor, r13: end of input
    lea r13, [rsi + r12]
    call number
    mov r14, rax                ; r14: count
    mov rbx, rax
    xor r15d, r15d              ; r15: total
.sum:
    test rbx, rbx
    jz .check_sum
    call number
    add r15, rax
    dec rbx
    jmp .sum
.check_sum:
    lea rax, [r14 + 1]          ; count * (count + 1) / 2
    imul rax, r14
    shr rax, 1
    cmp rax, r15
    jne .fail
    mov rcx, r13                ; what is left must be exactly the expected bytes
    sub rcx, rsi
    cmp rcx, expected_len
    jne .fail
    lea rdi, [rel expected]
    repe cmpsb
    jne .fail
    lea rsi, [rel expected]     ; UTF-8 code points: all bytes but continuation bytes 10xxxxxx
    mov rcx, expected_len
    xor edx, edx
.count:
    mov al, [rsi]
    and al, 0xC0
    cmp al, 0x80
    je .next
    inc rdx
.next:
    inc rsi
    dec rcx
    jnz .count
    cmp rdx, 18
    jne .fail
    lea rsi, [rel ok_prefix]
    mov edx, 3
    call write
    lea rsi, [rel expected]
    mov edx, expected_len
    call write
    lea rsi, [rel newline]
    mov edx, 1
    call write
    mov eax, 60                 ; exit(0)
    xor edi, edi
    syscall
.fail:
    lea rsi, [rel fail_message]
    mov edx, 5
    call write
    mov eax, 60                 ; exit(1)
    mov edi, 1
    syscall

; write(1, rsi, rdx)
write:
    mov eax, 1
    mov edi, 1
    syscall
    ret

; rax = the decimal number at rsi (before r13); rsi moves past it and one newline after it
number:
    xor eax, eax
.digit:
    cmp rsi, r13
    jae .done
    movzx edx, byte [rsi]
    cmp edx, 10
    je .newline
    sub edx, '0'
    cmp edx, 9
    ja .done
    imul rax, rax, 10
    add rax, rdx
    inc rsi
    jmp .digit
.newline:
    inc rsi
.done:
    ret
