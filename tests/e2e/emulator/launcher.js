#!/usr/bin/env node
/*
 * Our launcher of the Bot API emulator `telegram-test-api` 4.2.1 (pinned in package.json).
 *
 *   node launcher.js [--port 0] [--host 127.0.0.1]
 *
 * Prints one line `listening on http://HOST:PORT` once it takes requests. The package's
 * TelegramServer keeps its storage and its client API (POST /sendMessage, /sendCommand,
 * /sendCallback, /getUpdates, /getUpdatesHistory with {token, chatId}); the routes here
 * come in front of its own and fill the gaps DESIGN.md lists for 4.2.1:
 *
 * - getMe: `is_bot` and an id taken from the token (the digits before the colon);
 * - updates: `chat_instance` on callback queries, dates in seconds, no `botToken` inside;
 * - getUpdates: `offset` confirms (unconfirmed updates come again, as after a crash),
 *   `limit`, `timeout` long polling, `allowed_updates`; 409 while a webhook is set;
 * - edits answer the edited message (or 400 «message is not modified» / «not found»);
 * - answerCallbackQuery is recorded per chat and answers true;
 * - setMyCommands, sendChatAction, getChat, media (multipart), copyMessage and friends;
 * - webhooks: delivered by a loop of ours with the secret header, one update at a time per
 *   chat, retried when the bot is unreachable or refuses; never a crash of the server;
 * - 429 and 403: control routes set rate rules (global or per chat, answering
 *   `retry_after`) and block chats («Forbidden: bot was blocked by the user»);
 * - no reset: everything is kept per token, so each test uses a token of its own; update
 *   ids start at a random number, as Telegram's do, so no two runs share them.
 *
 * Control routes (POST, JSON):
 *   /control/rate      {token, limit|per_second, window_seconds?, chat_id?}  (limit null: off)
 *   /control/flood     {token, seconds}  a flood wait: every send answers 429 for that long
 *   /control/block     {token, chat_ids, blocked?: true, notify?: false}
 *   /control/log       {token, chat_id?, after?}  every Bot API call with its answer
 *   /control/messages  {token, chat_id}  the chat's bot messages as they stand now
 *   /control/stats     {token}  calls and answers by kind, polls, webhook deliveries
 *   /control/seq       {token}  the number of the last recorded call
 *   /control/keyboard  {token, chat_id}  the reply keyboard the chat shows now, or null
 *   /sendUpdate        {token, update}  any raw update (my_chat_member, …)
 * GET /control/health
 */
'use strict';

const http = require('http');
const { Readable } = require('stream');
const express = require('express');
const TelegramServer = require('telegram-test-api'); // module.exports is the class

function option(name, fallback) {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
}

const HOST = option('host', '127.0.0.1');
const PORT = Number(option('port', '0'));

// The package's server: its storage, its client routes and its built-in bot routes. We do
// not call its start(): our HTTP server puts our routes in front of its express app, and its
// storage is then never expired after 60 s.
const telegram = new TelegramServer({ host: HOST, port: PORT || 9000, storeTimeout: 24 * 3600 });
telegram.updateId = 1000000 + Math.floor(Math.random() * 1000000000);

const SENDS = new Set([
  'sendMessage', 'sendPhoto', 'sendDocument', 'sendVideo', 'sendAudio', 'sendVoice',
  'sendAnimation', 'sendSticker', 'sendLocation', 'sendContact', 'sendVenue', 'sendPoll',
  'sendDice', 'sendMediaGroup', 'copyMessage', 'forwardMessage',
]);
const EDITS = new Set(['editMessageText', 'editMessageCaption', 'editMessageReplyMarkup']);
const MEDIA = {
  sendPhoto: 'photo', sendDocument: 'document', sendVideo: 'video', sendAudio: 'audio',
  sendVoice: 'voice', sendAnimation: 'animation', sendSticker: 'sticker',
};
const TRUE_METHODS = new Set([
  'setMyCommands', 'deleteMyCommands', 'setChatMenuButton', 'setMyDescription',
  'setMyShortDescription', 'setMyName', 'sendChatAction', 'close', 'logOut',
  'setMyDefaultAdministratorRights', 'pinChatMessage', 'unpinChatMessage',
]);

// --- per token state ------------------------------------------------------------------

const bots = new Map();

function bot(token) {
  let state = bots.get(token);
  if (!state) {
    state = {
      token,
      seq: 0,
      log: [], // every Bot API call: {seq, at, method, chat_id, status, payload, result}
      rules: new Map(), // '*' or a chat id → {limit, window, moments: []}
      blocked: new Set(),
      callbacks: new Map(), // callback query id → chat id
      commands: [],
      webhook: null, // {url, secret_token, max_connections, allowed_updates}
      allowedUpdates: null,
      delivering: new Set(), // chat ids with a webhook request in flight
      inFlight: 0,
      webhookStats: { delivered: 0, failed: 0, last_error: null, last_error_date: null },
      retryAt: 0,
      timer: null,
      pollers: new Set(),
      polls: 0,
      keyboards: new Map(), // chat id → the reply keyboard the chat shows now
      floodUntil: 0, // a flood wait: every send answers 429 until this moment
    };
    bots.set(token, state);
  }
  return state;
}

function botId(token) {
  const digits = String(token).split(':')[0];
  return /^\d+$/.test(digits) ? Number(digits) : 666;
}

function now() {
  return Date.now();
}

function record(state, entry) {
  state.seq += 1;
  const item = { seq: state.seq, at: now() / 1000, ...entry };
  state.log.push(item);
  return item;
}

// --- answers --------------------------------------------------------------------------

function ok(res, result) {
  res.status(200).json({ ok: true, result });
  return { status: 200, result };
}

function fail(res, code, description, parameters) {
  const body = { ok: false, error_code: code, description };
  if (parameters) body.parameters = parameters;
  res.status(code).json(body);
  return { status: code, description };
}

// --- body parsing: multipart (media) as well as JSON and forms ---------------------------

async function multipart(req, res, next) {
  const type = req.headers['content-type'] || '';
  if (!type.startsWith('multipart/form-data')) {
    next();
    return;
  }
  try {
    const request = new Request('http://emulator/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: Readable.toWeb(req),
      duplex: 'half',
    });
    const form = await request.formData();
    const body = {};
    for (const [name, value] of form.entries()) {
      body[name] = typeof value === 'string'
        ? value
        : { file_name: value.name, file_size: value.size, mime_type: value.type };
    }
    // aiogram sends a file as `document=attach://NAME` with the file under NAME.
    for (const [name, value] of Object.entries(body)) {
      if (typeof value === 'string' && value.startsWith('attach://')) {
        const file = body[value.slice('attach://'.length)];
        if (file && typeof file === 'object') body[name] = file;
      }
    }
    req.body = body;
    req._body = true; // express' own parsers leave it alone
    next();
  } catch (error) {
    next(error);
  }
}

function parsed(value) {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch (_error) {
    return value;
  }
}

function normalise(body) {
  const payload = { ...body };
  for (const key of ['reply_markup', 'entities', 'caption_entities', 'allowed_updates',
    'commands', 'scope', 'link_preview_options', 'reply_parameters', 'media']) {
    if (key in payload) payload[key] = parsed(payload[key]);
  }
  return payload;
}

// --- 429 and 403 -----------------------------------------------------------------------

function retryAfter(rule, at) {
  while (rule.moments.length && at - rule.moments[0] >= rule.window) rule.moments.shift();
  if (rule.moments.length < rule.limit) {
    rule.moments.push(at);
    return null;
  }
  return Math.max(1, Math.ceil((rule.window - (at - rule.moments[0])) / 1000));
}

function refusal(state, chatId) {
  const at = now();
  if (at < state.floodUntil) {
    // A flood wait: every send is refused until it ends, as Telegram does after a burst.
    const wait = Math.max(1, Math.ceil((state.floodUntil - at) / 1000));
    return [429, `Too Many Requests: retry after ${wait}`, { retry_after: wait }];
  }
  for (const key of ['*', String(chatId)]) {
    const rule = state.rules.get(key);
    if (rule) {
      const wait = retryAfter(rule, at);
      if (wait !== null) {
        return [429, `Too Many Requests: retry after ${wait}`, { retry_after: wait }];
      }
    }
  }
  if (state.blocked.has(String(chatId))) {
    return [403, 'Forbidden: bot was blocked by the user'];
  }
  return null;
}

// --- the bot's messages ---------------------------------------------------------------

function botUser(token) {
  return { id: botId(token), is_bot: true, first_name: 'Careerbot', username: 'careerbot_e2e_bot' };
}

function chatOf(chatId) {
  const id = Number(chatId);
  return id < 0
    ? { id, type: 'supergroup', title: `Chat ${id}` }
    : { id, type: 'private', first_name: `User ${id}` };
}

function stored(token, chatId, messageId) {
  return telegram.storage.botMessages.find((item) => item.botToken === token
    && String(item.message.chat_id) === String(chatId)
    && String(item.messageId) === String(messageId));
}

function asMessage(token, item) {
  const source = item.message;
  const message = {
    message_id: item.messageId,
    date: Math.floor(item.time / 1000),
    chat: chatOf(source.chat_id),
    from: botUser(token),
  };
  if (item.editedAt) message.edit_date = Math.floor(item.editedAt / 1000);
  for (const key of ['text', 'entities', 'caption', 'caption_entities', 'photo', 'document',
    'video', 'audio', 'voice', 'animation', 'sticker', 'location', 'contact']) {
    if (source[key] !== undefined && source[key] !== null && source[key] !== '') {
      message[key] = source[key];
    }
  }
  const markup = source.reply_markup;
  if (markup && markup.inline_keyboard) message.reply_markup = markup;
  return message;
}

function fileOf(token, kind, value) {
  const unique = `${kind}-${telegram.messageId}`;
  if (typeof value === 'string') {
    return { file_id: value, file_unique_id: unique, file_name: undefined };
  }
  return { file_id: `file-${unique}`, file_unique_id: unique, ...(value || {}) };
}

function send(state, method, payload) {
  const message = { ...payload };
  const kind = MEDIA[method];
  if (kind) {
    const file = fileOf(state.token, kind, payload[kind]);
    message[kind] = kind === 'photo'
      ? [{ ...file, width: 640, height: 480 }]
      : file;
  }
  if (method === 'sendLocation') {
    message.location = { latitude: Number(payload.latitude), longitude: Number(payload.longitude) };
  }
  if (method === 'sendContact') {
    message.contact = { phone_number: payload.phone_number, first_name: payload.first_name };
  }
  // A reply keyboard stays under the input field until another replaces or removes it.
  const markup = payload.reply_markup;
  if (markup && markup.keyboard) state.keyboards.set(String(payload.chat_id), markup);
  if (markup && markup.remove_keyboard) state.keyboards.delete(String(payload.chat_id));
  telegram.addBotMessage(message, state.token);
  const item = telegram.storage.botMessages[telegram.storage.botMessages.length - 1];
  return asMessage(state.token, item);
}

function same(a, b) {
  return JSON.stringify(a === undefined ? null : a) === JSON.stringify(b === undefined ? null : b);
}

function edit(state, method, payload, res) {
  if (payload.inline_message_id) return ok(res, true);
  const item = stored(state.token, payload.chat_id, payload.message_id);
  if (!item) return fail(res, 400, 'Bad Request: message to edit not found');
  const before = item.message;
  const after = { ...before };
  if (method === 'editMessageText') {
    after.text = payload.text;
    after.entities = payload.entities;
  }
  if (method === 'editMessageCaption') {
    after.caption = payload.caption;
    after.caption_entities = payload.caption_entities;
  }
  after.reply_markup = payload.reply_markup; // no markup in an edit removes the keyboard
  const changed = ['text', 'entities', 'caption', 'caption_entities', 'reply_markup']
    .some((key) => !same(before[key], after[key]));
  if (!changed) {
    return fail(res, 400, 'Bad Request: message is not modified: specified new message content '
      + 'and reply markup are exactly the same as a current content and reply markup of the message');
  }
  item.message = after;
  item.editedAt = now();
  return ok(res, asMessage(state.token, item));
}

function remove(state, payload, res) {
  const item = stored(state.token, payload.chat_id, payload.message_id);
  if (!item) return fail(res, 400, 'Bad Request: message to delete not found');
  telegram.removeBotMessage(item.updateId);
  return ok(res, true);
}

// --- updates ----------------------------------------------------------------------------

function updateType(update) {
  return Object.keys(update).find((key) => key !== 'update_id');
}

function chatOfUpdate(update) {
  const body = update[updateType(update)] || {};
  if (body.chat) return String(body.chat.id);
  if (body.message && body.message.chat) return String(body.message.chat.id);
  if (body.from) return String(body.from.id);
  return 'none';
}

function cleanMessage(message) {
  const copy = { ...message };
  delete copy.botToken;
  delete copy.token;
  delete copy.chatId;
  if (copy.date > 1e11) copy.date = Math.floor(copy.date / 1000);
  if (!copy.date) copy.date = Math.floor(now() / 1000);
  return copy;
}

// The package's formatUpdate, with what aiogram needs and what Telegram always sends.
function formatted(item) {
  if (item.raw) return { ...item.raw, update_id: item.updateId };
  const update = TelegramServer.formatUpdate(item);
  if (update.callback_query) {
    const query = update.callback_query;
    const message = query.message ? cleanMessage(query.message) : undefined;
    if (message && !message.message_id) message.message_id = 0;
    const chat = message && message.chat ? message.chat.id : query.from.id;
    update.callback_query = {
      ...query,
      message,
      chat_instance: item.callbackQuery.chat_instance || `ci-${chat}`,
    };
    bot(item.botToken).callbacks.set(update.callback_query.id, String(chat));
  } else if (update.message) {
    update.message = cleanMessage(update.message);
  }
  return update;
}

function allowed(state, update) {
  const list = state.webhook ? state.webhook.allowed_updates : state.allowedUpdates;
  if (!Array.isArray(list) || list.length === 0) {
    // Telegram's default: every type except chat_member, message_reaction(_count).
    return !['chat_member', 'message_reaction', 'message_reaction_count'].includes(updateType(update));
  }
  return list.includes(updateType(update));
}

function pending(token) {
  return telegram.storage.userMessages.filter((item) => item.botToken === token);
}

function drop(token, updateIds) {
  const gone = new Set(updateIds);
  telegram.storage.userMessages = telegram.storage.userMessages
    .filter((item) => !(item.botToken === token && gone.has(item.updateId)));
}

function newUpdate(token) {
  const state = bot(token);
  for (const wake of state.pollers) wake();
  state.pollers.clear();
  if (state.webhook) deliver(state);
}

function takeUpdates(state, offset, limit) {
  let items = pending(state.token);
  if (offset) {
    drop(state.token, items.filter((item) => item.updateId < offset).map((item) => item.updateId));
    items = pending(state.token);
  }
  const updates = [];
  const skipped = [];
  for (const item of items) {
    const update = formatted(item);
    if (!allowed(state, update)) {
      skipped.push(item.updateId);
    } else if (updates.length < limit) {
      updates.push(update);
    }
  }
  drop(state.token, skipped);
  return updates;
}

async function getUpdates(state, payload, res) {
  state.polls += 1;
  if (state.webhook) {
    return fail(res, 409, "Conflict: can't use getUpdates method while webhook is active; "
      + 'use deleteWebhook to delete the webhook first');
  }
  if (payload.allowed_updates !== undefined) state.allowedUpdates = payload.allowed_updates;
  const offset = Number(payload.offset || 0);
  const limit = Math.min(100, Math.max(1, Number(payload.limit || 100)));
  const timeout = Math.min(50, Math.max(0, Number(payload.timeout || 0)));
  let updates = takeUpdates(state, offset, limit);
  if (!updates.length && timeout > 0) {
    await new Promise((resolve) => {
      const timer = setTimeout(done, timeout * 1000);
      function done() {
        clearTimeout(timer);
        state.pollers.delete(done);
        resolve();
      }
      state.pollers.add(done);
      res.on('close', done);
    });
    updates = takeUpdates(state, 0, limit);
  }
  return ok(res, updates);
}

// --- webhooks: our own delivery loop, never a crash ----------------------------------------

function deliver(state) {
  if (!state.webhook) return;
  const hook = state.webhook;
  const wait = state.retryAt - now();
  if (wait > 0) {
    if (!state.timer) {
      state.timer = setTimeout(() => {
        state.timer = null;
        deliver(state);
      }, wait);
    }
    return;
  }
  const maxConnections = Number(hook.max_connections || 40);
  for (const item of pending(state.token)) {
    if (state.inFlight >= maxConnections) break;
    if (item.webhookBusy) continue;
    const update = formatted(item);
    if (!allowed(state, update)) {
      drop(state.token, [item.updateId]);
      continue;
    }
    const chat = chatOfUpdate(update);
    if (state.delivering.has(chat)) continue; // one at a time per chat, in order
    state.delivering.add(chat);
    state.inFlight += 1;
    item.webhookBusy = true;
    post(state, hook, update).then((error) => {
      state.delivering.delete(chat);
      state.inFlight -= 1;
      item.webhookBusy = false;
      if (error === null) {
        state.webhookStats.delivered += 1;
        drop(state.token, [item.updateId]);
      } else {
        state.webhookStats.failed += 1;
        state.webhookStats.last_error = error;
        state.webhookStats.last_error_date = Math.floor(now() / 1000);
        state.retryAt = now() + 500;
      }
      deliver(state);
    });
  }
}

async function post(state, hook, update) {
  const headers = { 'content-type': 'application/json' };
  if (hook.secret_token) headers['x-telegram-bot-api-secret-token'] = hook.secret_token;
  try {
    const response = await fetch(hook.url, {
      method: 'POST',
      headers,
      body: JSON.stringify(update),
      signal: AbortSignal.timeout(60000),
    });
    await response.arrayBuffer();
    return response.ok ? null : `Wrong response from the webhook: ${response.status}`;
  } catch (error) {
    return `Connection failed: ${error.cause ? error.cause.code || error.cause.message : error.message}`;
  }
}

function setWebhook(state, payload, res) {
  const url = payload.url || '';
  if (!url) {
    state.webhook = null;
    return ok(res, true);
  }
  if (payload.drop_pending_updates === true || payload.drop_pending_updates === 'true') {
    drop(state.token, pending(state.token).map((item) => item.updateId));
  }
  state.webhook = {
    url,
    secret_token: payload.secret_token || null,
    max_connections: Number(payload.max_connections || 40),
    allowed_updates: Array.isArray(payload.allowed_updates) ? payload.allowed_updates : null,
  };
  state.retryAt = 0;
  deliver(state);
  return ok(res, true);
}

function deleteWebhook(state, payload, res) {
  state.webhook = null;
  if (payload.drop_pending_updates === true || payload.drop_pending_updates === 'true') {
    drop(state.token, pending(state.token).map((item) => item.updateId));
  }
  return ok(res, true);
}

function webhookInfo(state, res) {
  const hook = state.webhook;
  const info = {
    url: hook ? hook.url : '',
    has_custom_certificate: false,
    pending_update_count: pending(state.token).length,
  };
  if (hook) {
    info.max_connections = hook.max_connections;
    if (hook.allowed_updates) info.allowed_updates = hook.allowed_updates;
    if (state.webhookStats.last_error) {
      info.last_error_date = state.webhookStats.last_error_date;
      info.last_error_message = state.webhookStats.last_error;
    }
  }
  return ok(res, info);
}

// --- the Bot API, in front of the package's routes ---------------------------------------

async function botApi(req, res) {
  const { token, method } = req.params;
  const state = bot(token);
  const payload = normalise(req.body || {});
  // answerCallbackQuery names no chat: the query it answers tells which.
  const chatId = method === 'answerCallbackQuery'
    ? state.callbacks.get(String(payload.callback_query_id)) || null
    : (payload.chat_id === undefined ? null : String(payload.chat_id));
  let outcome;
  if (SENDS.has(method) || EDITS.has(method)) {
    const refused = chatId === null ? null : refusal(state, chatId);
    if (refused) outcome = fail(res, ...refused);
  }
  if (!outcome) outcome = await answer(state, method, payload, res);
  if (method !== 'getUpdates' || (outcome.result && outcome.result.length)) {
    record(state, {
      method, chat_id: chatId === null ? null : Number(chatId), status: outcome.status,
      payload, result: outcome.result, description: outcome.description,
    });
  }
}

async function answer(state, method, payload, res) {
  if (method === 'getMe') {
    return ok(res, {
      ...botUser(state.token),
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
    });
  }
  if (method === 'getUpdates') return getUpdates(state, payload, res);
  if (method === 'setWebhook') return setWebhook(state, payload, res);
  if (method === 'deleteWebhook') return deleteWebhook(state, payload, res);
  if (method === 'getWebhookInfo') return webhookInfo(state, res);
  if (EDITS.has(method)) return edit(state, method, payload, res);
  if (method === 'deleteMessage') return remove(state, payload, res);
  if (method === 'copyMessage') return ok(res, { message_id: send(state, 'sendMessage', payload).message_id });
  if (method === 'sendMediaGroup') {
    // An album: one message per item, answered as a list.
    const items = Array.isArray(payload.media) ? payload.media : [];
    return ok(res, items.map((item) => {
      const kind = item.type === 'photo' ? 'sendPhoto' : 'sendDocument';
      const file = typeof item.media === 'string' && item.media.startsWith('attach://')
        ? payload[item.media.slice('attach://'.length)]
        : item.media;
      return send(state, kind, {
        chat_id: payload.chat_id, caption: item.caption, [MEDIA[kind]]: file,
      });
    }));
  }
  if (SENDS.has(method)) return ok(res, send(state, method, payload));
  if (method === 'answerCallbackQuery') return ok(res, true);
  if (method === 'setMyCommands') {
    state.commands.push({ commands: payload.commands, scope: payload.scope, language_code: payload.language_code });
    return ok(res, true);
  }
  if (method === 'getMyCommands') {
    const last = state.commands[state.commands.length - 1];
    return ok(res, last ? last.commands : []);
  }
  if (TRUE_METHODS.has(method)) return ok(res, true);
  if (method === 'getChat') return ok(res, chatOf(payload.chat_id));
  if (method === 'getChatMember') {
    return ok(res, { status: 'member', user: { id: Number(payload.user_id), is_bot: false, first_name: 'User' } });
  }
  if (method === 'getFile') {
    return ok(res, { file_id: payload.file_id, file_unique_id: payload.file_id, file_size: 0 });
  }
  return fail(res, 404, 'Not Found: method not found');
}

// --- the user's side: the package's client routes, made safe and answering update ids --------

function clientRoute(add, build) {
  return async (req, res) => {
    const body = req.body || {};
    const token = body.botToken || body.token;
    if (!token) {
      fail(res, 400, 'Bad Request: botToken is required');
      return;
    }
    const before = telegram.updateId;
    try {
      await add(build({ ...body, botToken: token }));
    } catch (error) {
      fail(res, 500, `Could not add the update: ${error.message}`);
      return;
    }
    newUpdate(token);
    ok(res, { update_id: before });
  };
}

function userMessage(body) {
  const chat = body.chat || { id: Number(body.chatId || (body.from && body.from.id)), type: 'private' };
  return {
    date: Math.floor(now() / 1000),
    from: body.from || { id: chat.id, is_bot: false, first_name: 'User' },
    ...body,
    chat,
  };
}

function rawUpdate(body) {
  return body;
}

async function addRaw(body) {
  telegram.storage.userMessages.push({
    time: now(),
    botToken: body.botToken,
    updateId: telegram.updateId,
    messageId: telegram.messageId,
    isRead: false,
    raw: body.update,
  });
  telegram.updateId += 1;
}

// --- control --------------------------------------------------------------------------

function control(app) {
  app.get('/control/health', (_req, res) => ok(res, true));
  app.post('/control/rate', (req, res) => {
    const { token, chat_id: chatId } = req.body;
    const limit = req.body.limit !== undefined ? req.body.limit : req.body.per_second;
    const key = chatId === undefined || chatId === null ? '*' : String(chatId);
    const state = bot(token);
    if (limit === null || limit === undefined) {
      state.rules.delete(key);
    } else {
      const window = 1000 * Number(req.body.window_seconds || 1);
      state.rules.set(key, { limit: Number(limit), window, moments: [] });
    }
    ok(res, true);
  });
  app.post('/control/flood', (req, res) => {
    bot(req.body.token).floodUntil = now() + 1000 * Number(req.body.seconds || 0);
    ok(res, true);
  });
  app.post('/control/block', (req, res) => {
    const state = bot(req.body.token);
    const blocked = req.body.blocked !== false;
    for (const chatId of req.body.chat_ids || []) {
      if (blocked) state.blocked.add(String(chatId));
      else state.blocked.delete(String(chatId));
      if (req.body.notify) {
        const user = { id: Number(chatId), is_bot: false, first_name: `User ${chatId}` };
        const member = (status) => ({ user: botUser(state.token), status });
        addRaw({
          botToken: state.token,
          update: {
            my_chat_member: {
              chat: chatOf(chatId),
              from: user,
              date: Math.floor(now() / 1000),
              old_chat_member: member(blocked ? 'member' : 'kicked'),
              new_chat_member: blocked ? { ...member('kicked'), until_date: 0 } : member('member'),
            },
          },
        });
      }
    }
    if (req.body.notify) newUpdate(state.token);
    ok(res, true);
  });
  app.post('/control/log', (req, res) => {
    const state = bot(req.body.token);
    const after = Number(req.body.after || 0);
    const chat = req.body.chat_id;
    ok(res, state.log.filter((item) => item.seq > after
      && (chat === undefined || chat === null || String(item.chat_id) === String(chat))));
  });
  app.post('/control/keyboard', (req, res) => {
    ok(res, bot(req.body.token).keyboards.get(String(req.body.chat_id)) || null);
  });
  app.post('/control/seq', (req, res) => ok(res, bot(req.body.token).seq));
  app.post('/control/messages', (req, res) => {
    const { token, chat_id: chatId } = req.body;
    ok(res, telegram.storage.botMessages
      .filter((item) => item.botToken === token && String(item.message.chat_id) === String(chatId))
      .map((item) => asMessage(token, item)));
  });
  app.post('/control/stats', (req, res) => {
    const state = bot(req.body.token);
    const calls = {};
    const statuses = {};
    for (const item of state.log) {
      calls[item.method] = (calls[item.method] || 0) + 1;
      statuses[item.status] = (statuses[item.status] || 0) + 1;
    }
    ok(res, {
      calls,
      statuses,
      unsupported: state.log.filter((item) => item.status === 404).map((item) => item.method),
      polls: state.polls,
      pending_updates: pending(state.token).length,
      webhook: state.webhook,
      webhook_stats: state.webhookStats,
      commands: state.commands,
    });
  });
}

// --- the server -------------------------------------------------------------------------

const app = express();
app.use(multipart);
app.use(express.json({ limit: '50mb' }));
app.use(express.urlencoded({ extended: true, limit: '50mb' }));
control(app);
app.post('/sendMessage', clientRoute((m) => telegram.addUserMessage(m), userMessage));
app.post('/sendCommand', clientRoute((m) => telegram.addUserCommand(m), (body) => {
  const message = userMessage(body);
  if (!message.entities) {
    const length = String(message.text).split(' ')[0].length;
    message.entities = [{ type: 'bot_command', offset: 0, length }];
  }
  return message;
}));
app.post('/sendCallback', clientRoute((q) => telegram.addUserCallback(q), (body) => ({
  ...body,
  from: body.from || { id: Number(body.chatId), is_bot: false, first_name: 'User' },
})));
app.post('/sendUpdate', clientRoute(addRaw, rawUpdate));
app.all('/bot:token/:method', (req, res, next) => {
  botApi(req, res).catch(next);
});
app.use(telegram.webServer); // the package's own routes: /getUpdates, /getUpdatesHistory, …
app.use((error, _req, res, _next) => {
  fail(res, 500, `Internal Server Error: ${error.message}`);
});

process.on('unhandledRejection', (error) => {
  process.stderr.write(`unhandled rejection (kept running): ${error && error.stack}\n`);
});

const server = http.createServer(app);
server.keepAliveTimeout = 75000;
server.listen(PORT, HOST, () => {
  const { port } = server.address();
  process.stdout.write(`listening on http://${HOST}:${port}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close();
    process.exit(0);
  });
}
