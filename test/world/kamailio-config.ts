// Kamailio 5.6 configuration for the presence test world: a SIP presence server (presence + presence_xml,
// PUBLISH state and subscriptions in memory) and WebSocket proxy (RFC 7118) on loopback, WS and WSS.
//   - digest auth (RFC 3261 §22) against a db_text subscriber table; the From user must be the auth user, and
//     a PUBLISH must be for the publisher's own address;
//   - without `rules`, force_active=1: every subscription is active at once;
//   - with `rules` (the second profile, for pending and blocked), presence authorization rules (RFC 5025) read
//     from the db_text xcap table (integrated_xcap_server): confirm → pending, block → terminated;reason=rejected.
//     This needs subs_db_mode=1: with subs_db_mode=0 the presence module finds every watcher "in the watcher
//     table" as active and never reads the rules (debug log: "subscription status= active - found in watcher
//     table");
//   - a SUBSCRIBE over WebSocket gets fix_nated_contact(): its Contact host is a made-up *.invalid name
//     (RFC 7118), and NOTIFYs must go back over the same connection instead.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';

export interface KamailioConfigOpts {
  dir: string;
  wsPort: number;
  wssPort: number;
  certFile: string;
  keyFile: string;
  /** SIP domain served (realm of the digest challenge too). */
  domain: string;
  /** user → password; empty means no authentication at all. */
  users: Record<string, string>;
  /** Presence authorization rules (RFC 5025) per presentity user: watcher user → sub-handling. Without it,
   *  force_active=1 makes every subscription active. */
  rules?: Record<string, Record<string, SubHandling>>;
}

/** RFC 5025 §3.2.1 sub-handling values. */
export type SubHandling = 'block' | 'confirm' | 'polite-block' | 'allow';

const DBTEXT_TEMPLATES = '/usr/share/kamailio/dbtext/kamailio';
const TABLES = ['version', 'presentity', 'active_watchers', 'watchers', 'xcap', 'subscriber'];
const md5 = (s: string) => createHash('md5').update(s).digest('hex');

/** db_text tables: the presence module checks their versions at start even when it keeps state in memory. */
function writeDbText(
  dbDir: string,
  domain: string,
  users: Record<string, string>,
  rules: KamailioConfigOpts['rules'] = {},
): void {
  mkdirSync(dbDir, { recursive: true });
  for (const t of TABLES) copyFileSync(join(DBTEXT_TEMPLATES, t), join(dbDir, t));
  // id:username:domain:password:ha1:ha1b — db_text refuses rows with empty ha1/ha1b columns.
  const rows = Object.entries(users).map(([user, pw], i) =>
    [i + 1, user, domain, pw, md5(`${user}:${domain}:${pw}`), md5(`${user}@${domain}:${domain}:${pw}`)].join(':'),
  );
  const header = 'id(int,auto) username(string) domain(string) password(string) ha1(string) ha1b(string) ';
  writeFileSync(join(dbDir, 'subscriber'), `${header}\n${rows.join('\n')}\n`);
  // id:username:domain:doc:doc_type:etag:source:doc_uri:port — doc_type 2 is pres-rules (xcap_client).
  const xcap = Object.entries(rules).map(([user, watchers], i) =>
    [
      i + 1,
      user,
      domain,
      dbTextValue(presRules(domain, watchers)),
      2,
      `e${i + 1}`,
      1,
      dbTextValue(`pres-rules/users/sip:${user}@${domain}/index`),
      0,
    ].join(':'),
  );
  const xcapHeader =
    'id(int,auto) username(string) domain(string) doc(string) doc_type(int) etag(string) source(int) doc_uri(string) port(int) ';
  writeFileSync(join(dbDir, 'xcap'), `${xcapHeader}\n${xcap.map((r) => `${r}\n`).join('')}`);
}

/** An RFC 5025 pres-rules document: one rule per watcher, identified by its SIP URI (RFC 4745 <one>). */
function presRules(domain: string, watchers: Record<string, SubHandling>): string {
  const rules = Object.entries(watchers).map(
    ([w, handling], i) =>
      `<cr:rule id="r${i}"><cr:conditions><cr:identity><cr:one id="sip:${w}@${domain}"/></cr:identity></cr:conditions>` +
      `<cr:actions><pr:sub-handling>${handling}</pr:sub-handling></cr:actions><cr:transformations/></cr:rule>`,
  );
  return (
    '<?xml version="1.0" encoding="UTF-8"?><cr:ruleset xmlns="urn:ietf:params:xml:ns:pres-rules" ' +
    'xmlns:pr="urn:ietf:params:xml:ns:pres-rules" xmlns:cr="urn:ietf:params:xml:ns:common-policy">' +
    rules.join('') +
    '</cr:ruleset>'
  );
}

// db_text escapes ':' (the column separator), '\\' and line breaks inside values.
const dbTextValue = (v: string) => v.replace(/\\/g, '\\\\').replace(/:/g, '\\:').replace(/\n/g, '\\n');

function config(o: KamailioConfigOpts, dbDir: string, tlsCfg: string): string {
  const auth = Object.keys(o.users).length > 0;
  const db = `text://${dbDir}`;
  return `#!KAMAILIO
debug=2
log_stderror=yes
log_prefix="{$mt $hdr(CSeq) $ci} "
children=2
tcp_children=2
auto_aliases=no
alias="${o.domain}"
alias="127.0.0.1:${o.wsPort}"
alias="127.0.0.1:${o.wssPort}"
listen=tcp:127.0.0.1:${o.wsPort}
listen=tls:127.0.0.1:${o.wssPort}
enable_tls=yes
tcp_accept_no_cl=yes
tcp_connection_lifetime=3605
server_header="Server: enum-presence-test-kamailio"
user_agent_header="User-Agent: enum-presence-test-kamailio"

loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
loadmodule "nathelper.so"
loadmodule "xhttp.so"
loadmodule "websocket.so"
loadmodule "tls.so"
loadmodule "db_text.so"
loadmodule "presence.so"
loadmodule "presence_xml.so"
${auth ? 'loadmodule "auth.so"\nloadmodule "auth_db.so"' : ''}

modparam("tls", "config", "${tlsCfg}")
modparam("presence", "db_url", "${db}")
modparam("presence", "publ_cache", 2)
modparam("presence", "subs_db_mode", ${o.rules ? 1 : 0}) # 1: write-through, needed for the rules (see above)
modparam("presence", "max_expires", 3600)
modparam("presence_xml", "db_url", "${db}")
${o.rules ? 'modparam("presence_xml", "force_active", 0)\nmodparam("presence_xml", "integrated_xcap_server", 1)' : 'modparam("presence_xml", "force_active", 1)'}
modparam("nathelper", "received_avp", "$avp(RECEIVED)")
${
  auth
    ? `modparam("auth_db", "db_url", "${db}")
modparam("auth_db", "calculate_ha1", yes)
modparam("auth_db", "password_column", "password")
modparam("auth_db", "load_credentials", "")`
    : ''
}

request_route {
	if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
	if (!sanity_check("17895", "7")) { xlog("L_WARN", "malformed request from $si:$sp\\n"); exit; }
	xlog("L_INFO", "REQ $rm $ru from $si:$sp proto=$proto expires=$hdr(Expires)\\n");
	# The presentity of a SUBSCRIBE, in-dialog ones too (their Request-URI is Kamailio's own Contact).
	if (is_method("SUBSCRIBE")) xlog("L_INFO", "SUBSCRIBE to=$tu expires=$hdr(Expires)\\n");
	if (nat_uac_test("64")) {
		# Over WebSocket (RFC 7118): answer to the connection, send NOTIFYs back over it.
		force_rport();
		if (is_method("SUBSCRIBE")) fix_nated_contact();
	}
	if (is_method("OPTIONS")) { sl_send_reply("200", "OK"); exit; }
	if (is_method("ACK")) exit;
	if (is_method("PUBLISH|SUBSCRIBE")) { route(PRESENCE); exit; }
	sl_send_reply("405", "Method Not Allowed");
	exit;
}

route[PRESENCE] {
	if (!is_myself("$rd")) { sl_send_reply("403", "Not my domain"); exit; }
${
  auth
    ? `	if (!auth_check("$fd", "subscriber", "1")) { auth_challenge("$fd", "1"); exit; }
	if (is_method("PUBLISH") && $fU != $rU) { sl_send_reply("403", "May only publish own presence"); exit; }
	consume_credentials();
`
    : ''
}	if (!t_newtran()) { sl_reply_error(); exit; }
	if (is_method("PUBLISH")) handle_publish(); else handle_subscribe();
	exit;
}

event_route[xhttp:request] {
	set_reply_close();
	set_reply_no_connect();
	if ($hdr(Upgrade) =~ "websocket" && $hdr(Connection) =~ "Upgrade" && $rm =~ "GET") {
		xlog("L_INFO", "WS handshake from $si:$sp Origin=$hdr(Origin)\\n");
		if (ws_handle_handshake()) exit;
	}
	xhttp_reply("404", "Not Found", "", "");
}
`;
}

/** Write kamailio.cfg, tls.cfg and the db_text tables under `o.dir`; returns the config file's path. */
export function writeKamailioConfig(o: KamailioConfigOpts): string {
  mkdirSync(o.dir, { recursive: true });
  const dbDir = join(o.dir, 'db');
  writeDbText(dbDir, o.domain, o.users, o.rules);
  const tlsCfg = join(o.dir, 'tls.cfg');
  writeFileSync(
    tlsCfg,
    `[server:default]
method = TLSv1.2+
verify_certificate = no
require_certificate = no
private_key = ${o.keyFile}
certificate = ${o.certFile}

[client:default]
verify_certificate = no
require_certificate = no
`,
  );
  const cfg = join(o.dir, 'kamailio.cfg');
  writeFileSync(cfg, config(o, dbDir, tlsCfg));
  return cfg;
}
