-- Prints OK and the Unicode line of its own source only if Haskell reads all of stdin, adds up its
-- numbers and handles Unicode in, through and out.
import Control.Monad (when)
import System.Exit (exitFailure)
import System.IO

expected :: String
expected = "héllo wörld ✓ 世界 🎉"

main :: IO ()
main = do
  hSetEncoding stdin utf8
  hSetEncoding stdout utf8
  input <- getContents
  let (countLine : rest) = lines input
      count = read countLine :: Int
      total = sum (map read (take count rest)) :: Integer
      word = rest !! count
  when (total /= fromIntegral (count * (count + 1) `div` 2)) $ do
    putStrLn ("FAIL sum " ++ show total)
    exitFailure
  when (word /= expected || length word /= 18) $ do
    putStrLn ("FAIL unicode " ++ word)
    exitFailure
  putStrLn ("OK " ++ expected)
