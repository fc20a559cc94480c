// An error that crossed a thread as its class's name and its message, rebuilt on this side with that class
// where it is one callers tell apart (a RangeError is bad input; a TypeError a mistake in code), the name
// kept either way.
export function rebuiltError(name: string, message: string): Error {
  const err = name === 'RangeError' ? new RangeError(message) : name === 'TypeError' ? new TypeError(message) : new Error(message);
  if (name !== err.name) err.name = name;
  return err;
}
