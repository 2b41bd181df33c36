/**
 * Soak (issue 7): SIGKILL the server 20 times during replication while two devices write; every
 * notice exactly once on both devices and the server afterwards (test/server/helpers/fault-sigkill.ts).
 */
import { sigkillSuite } from '../server/helpers/fault-sigkill.ts';

sigkillSuite(20, 300_000);
