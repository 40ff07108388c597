;; Prints OK and the Unicode line of its own source only if Common Lisp reads all of stdin, adds
;; up its numbers and handles Unicode in, through and out.
(defparameter *expected* "héllo wörld ✓ 世界 🎉")

(let* ((lines (loop for line = (read-line *standard-input* nil) while line collect line))
       (n (parse-integer (first lines)))
       (total (loop for line in (subseq lines 1 (1+ n)) sum (parse-integer line)))
       (word (nth (1+ n) lines)))
  (cond ((/= total (/ (* n (1+ n)) 2))
         (format t "FAIL sum ~a~%" total)
         (sb-ext:exit :code 1))
        ((or (string/= word *expected*) (/= (length word) 18))
         (format t "FAIL unicode ~a~%" word)
         (sb-ext:exit :code 1))
        (t (format t "OK ~a~%" *expected*))))
