/**
 * Fault test (issue 7): SIGKILL the server 5 times during replication while two devices write
 * (helpers/fault-sigkill.ts); `npm run soak` runs the 20-kill version (test/soak/sigkill.test.ts).
 */
import { sigkillSuite } from './helpers/fault-sigkill.ts';

sigkillSuite(5, 120_000);
