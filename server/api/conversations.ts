import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { type UserCtx, isActive } from '../../src/model/roles.ts';
import { type Space, dbNameOf } from '../../src/model/spaces.ts';
import { forbidden, unauthorized } from '../errors.ts';
import type { SessionResolver } from '../gateway/session.ts';
import { credentialsOf } from '../gateway/session.ts';
import { type ConversationRecord, type ConversationService, conversationSpace } from '../services/conversations.ts';
import { getPerson } from '../services/directory.ts';
import type { Store } from '../store/types.ts';

/**
 * Conversations (issue 6, docs/decisions/0005): each is its own space, `docket-conv-<id>`, read by its members only.
 *
 * - `POST /api/conversations` `{ members: string[], title?: string }`: the caller is always a member. Two people and
 *   no title: their direct conversation (`dm-<hash>`; 201 when created, 200 when it existed). Otherwise a group:
 *   title 1–200 characters, 2–100 members. Every member an existing, active account (400 naming the others).
 * - `POST /api/conversations/:id/members` `{ add: string[] }` (groups only) or `{ leave: true }`, by a member.
 *
 * Both answer the conversation as `/api/me` lists it (a `Space`, from the caller's side).
 */
export function conversationsRouter(store: Store, sessions: SessionResolver, conversations: ConversationService): Router {
  const router = Router();
  const json = express.json({ limit: '64kb' });

  const caller = async (req: Request): Promise<UserCtx> => {
    const user = await sessions.resolve(credentialsOf(req.headers));
    if (!user) throw unauthorized();
    if (user.roles.includes('_admin')) throw forbidden('The server administrator has no app account.');
    if (!isActive(user)) throw forbidden('This account is disabled.');
    return user;
  };

  router.post('/conversations', json, (req: Request, res: Response, next: NextFunction) => {
    caller(req)
      .then(async (user) => {
        const { record, created } = await conversations.create(user.name, req.body);
        res.status(created ? 201 : 200).json(await describeConversation(store, record, user.name));
      })
      .catch(next);
  });

  router.post('/conversations/:id/members', json, (req: Request, res: Response, next: NextFunction) => {
    caller(req)
      .then(async (user) => {
        const record = await conversations.changeMembers(String(req.params.id), user.name, req.body);
        res.json(await describeConversation(store, record, user.name));
      })
      .catch(next);
  });

  return router;
}

/**
 * A conversation as `/api/me` lists it for `viewer`: the group's title, or for a direct one the other person's
 * display name from the directory.
 */
export async function describeConversation(store: Store, record: ConversationRecord, viewer: string): Promise<Space> {
  const ref = conversationSpace(record.id);
  let title = record.title ?? '';
  if (record.kind === 'direct') {
    const other = [...record.members, ...record.formerMembers].find((n) => n !== viewer) ?? viewer;
    title = (await getPerson(store, other))?.displayName ?? other;
  }
  return {
    kind: 'conversation',
    id: record.id,
    title,
    db: dbNameOf(ref),
    members: [...record.members],
    conversation: {
      kind: record.kind,
      ...(record.title !== undefined ? { title: record.title } : {}),
      createdBy: record.createdBy,
      createdAt: record.createdAt,
    },
  };
}
