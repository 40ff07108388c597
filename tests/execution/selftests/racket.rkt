#lang racket/base
;; Prints OK and the Unicode line of its own source only if Racket reads all of stdin, adds up its
;; numbers and handles Unicode in, through and out.
(require racket/list racket/port racket/string)

(define expected "héllo wörld ✓ 世界 🎉")
(define lines (string-split (port->string (current-input-port)) "\n" #:trim? #f))
(define n (string->number (first lines)))
(define total (for/sum ([line (in-list (take (rest lines) n))]) (string->number line)))
(define word (list-ref lines (add1 n)))

(cond
  [(not (= total (quotient (* n (add1 n)) 2)))
   (printf "FAIL sum ~a\n" total)
   (exit 1)]
  [(or (not (string=? word expected)) (not (= (string-length word) 18)))
   (printf "FAIL unicode ~a\n" word)
   (exit 1)]
  [else (printf "OK ~a\n" expected)])
