/** The fake-timer driver our tests use is the one lockwire ships to its users (lockwire/testing). */
export { drainJobs, drive, elapse } from '../../testing';
