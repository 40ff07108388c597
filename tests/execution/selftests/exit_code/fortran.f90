program main
  use, intrinsic :: iso_fortran_env, only: error_unit
  implicit none
  character(len=256) :: line
  integer :: status
  do
    read (*, '(a)', iostat=status) line
    if (status /= 0) exit
  end do
  print '(a)', 'out'
  write (error_unit, '(a)') 'err'
  call exit(42)
end program main
