/**
 * What a device reports about its sync (`POST /api/devices/report`), and what administrators see of
 * it: per account, the devices that synced recently, the documents each holds per space, its refused
 * writes, conflicts and unsent changes.
 */
export interface SpaceHealth {
  db: string;
  docs: number;
  pending: number;
  rejected: number;
  conflicts: number;
}

export interface DeviceReport {
  /** A random id the device keeps (`docket.deviceId` in its storage). */
  deviceId: string;
  /** e.g. "Chrome 156 · Android"; shown to administrators only. */
  label: string;
  spaces: SpaceHealth[];
}

export interface DeviceHealth extends DeviceReport {
  name: string;
  reportedAt: string;
  ip?: string;
}

export interface DevicesResponse {
  devices: DeviceHealth[];
  /** A space with more documents than this on one device is flagged (SPACE_WARN_DOCS). */
  warnDocs: number;
}

export const DEVICE_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;
export const MAX_REPORTED_SPACES = 200;
