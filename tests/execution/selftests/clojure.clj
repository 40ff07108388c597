;; Prints OK and the Unicode line of its own source only if Clojure reads all of stdin, adds up
;; its numbers and handles Unicode in, through and out.
(require '[clojure.string :as str])

(def expected "héllo wörld ✓ 世界 🎉")

(let [lines (str/split (slurp *in*) #"\n" -1)
      n (Long/parseLong (first lines))
      total (reduce + (map #(Long/parseLong %) (subvec lines 1 (inc n))))
      word (nth lines (inc n))]
  (cond
    (not= total (quot (* n (inc n)) 2))
    (do (println "FAIL sum" total) (System/exit 1))

    (or (not= word expected) (not= 18 (.codePointCount word 0 (.length word))))
    (do (println "FAIL unicode" word) (System/exit 1))

    :else (println (str "OK " expected))))
