import type { BaseDoc } from './doc.ts';

/**
 * Meeting rooms (phòng họp) in the org space, written only by the server (administration). The
 * schedule books them; devices read them like the rest of the directory.
 */
export interface RoomDoc extends BaseDoc {
  type: 'room';
  roomId: string;
  /** e.g. "Phòng họp tầng 2". */
  name: string;
  /** Seats. */
  capacity: number;
  /** e.g. ["Máy chiếu", "Truyền hình trực tuyến"]. */
  equipment: string[];
  /** Where it is (building, floor), optional. */
  location: string;
}

export const ROOM_ID_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
export const roomDocId = (roomId: string): string => `room:${roomId}`;

/** External bodies and rooms have slugs like unit ids: lowercase, digits, "-". */
export const BODY_SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,79}$/;
