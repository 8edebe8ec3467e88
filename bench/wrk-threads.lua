-- The start of the wrk scripts of bench/ (copied in front of each): every wrk thread gets its own
-- id, tid, and its own random sequence, and n counts the requests it made.
local threads = 0
setup = function(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local n = 0
init = function(args)
  math.randomseed(tid * 7919 + os.time())
end
