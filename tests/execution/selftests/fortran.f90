! Prints OK and the Unicode line of its own source only if Fortran reads all of stdin, adds up its
! numbers and passes Unicode (UTF-8 bytes) in, through and out.
program main
  implicit none
  character(len=*), parameter :: expected = "héllo wörld ✓ 世界 🎉"
  character(len=256) :: word
  integer :: count, i, value, points
  integer(8) :: total

  read (*, *) count
  total = 0
  do i = 1, count
    read (*, *) value
    total = total + value
  end do
  if (total /= int(count, 8) * (count + 1) / 2) then
    print '(a, i0)', 'FAIL sum ', total
    call exit(1)
  end if
  read (*, '(a)') word
  points = 0  ! UTF-8 code points: every byte but the continuation bytes 10xxxxxx
  do i = 1, len_trim(word)
    if (iand(ichar(word(i:i)), 192) /= 128) points = points + 1
  end do
  if (trim(word) /= expected .or. points /= 18) then
    print '(a)', 'FAIL unicode'
    call exit(1)
  end if
  print '(a, a)', 'OK ', expected
end program main
