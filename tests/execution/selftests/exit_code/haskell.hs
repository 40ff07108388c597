import System.Exit (ExitCode (ExitFailure), exitWith)
import System.IO

main :: IO ()
main = do
  input <- getContents
  length input `seq` putStrLn "out"
  hPutStrLn stderr "err"
  exitWith (ExitFailure 42)
