;; Prints OK and the Unicode line of its own source only if Scheme (Guile) reads all of stdin,
;; adds up its numbers and handles Unicode in, through and out.
(use-modules (ice-9 textual-ports) (srfi srfi-1))

(set-port-encoding! (current-input-port) "UTF-8")
(set-port-encoding! (current-output-port) "UTF-8")

(define expected "héllo wörld ✓ 世界 🎉")
(define lines (string-split (get-string-all (current-input-port)) #\newline))
(define n (string->number (car lines)))
(define total (fold + 0 (map string->number (take (cdr lines) n))))
(define word (list-ref lines (+ n 1)))

(cond
 ((not (= total (quotient (* n (+ n 1)) 2)))
  (format #t "FAIL sum ~a~%" total)
  (exit 1))
 ((or (not (string=? word expected)) (not (= (string-length word) 18)))
  (format #t "FAIL unicode ~a~%" word)
  (exit 1))
 (else (format #t "OK ~a~%" expected)))
