/**
 * Tools whose effect hangs on what they are asked, not on their name: SQL clients (the query), redis-cli (the
 * command), mongosh (the script) and HTTP clients (the method and body). Each returns undefined when it has nothing
 * to say (the table decides then).
 */
import type { Effect } from './match';

/** What one query-decided command does, and why. */
export interface QueryVerdict {
  effect: Effect;
  why: string;
}

const SQL_CLIENTS: Record<string, readonly string[]> = {
  // Options that carry the query, per client.
  psql: ['-c', '--command'],
  'gitlab-psql': ['-c', '--command'],
  mysql: ['-e', '--execute'],
  mariadb: ['-e', '--execute'],
  sqlcmd: ['-Q', '-q'],
  'clickhouse-client': ['-q', '--query'],
  cqlsh: ['-e', '--execute'],
  sqlite3: [],
  cockroach: ['-e', '--execute'],
};

const READ_SQL = /^(select|show|explain|describe|desc|values|table|with|\\[a-z?]|help|list|use)\b/i;
/** Words that make a statement write even when it starts like a read: `WITH x AS (DELETE ...)`, `SELECT ... INTO`, `EXPLAIN ANALYZE DELETE`. */
const WRITE_SQL = /\b(insert|update|delete|merge|upsert|replace|drop|alter|create|truncate|grant|revoke|vacuum|reindex|cluster|analyze|refresh|copy|lock|kill|call|do|set|reset|into|for\s+update|for\s+share|pg_terminate_backend|pg_cancel_backend|pg_reload_conf|pg_switch_wal|pg_rotate_logfile|pg_promote|pg_drop_replication_slot|pg_create_\w+|setval|nextval|lo_unlink|lo_import|lo_export|pg_advisory_lock|pg_stat_reset\w*|pg_wal_replay_\w+|dblink_exec|shutdown|flush|purge|load|optimize|repair|checkpoint|notify|listen|discard|prepare|execute|deallocate|begin|commit|rollback|savepoint|release)\b/i;

/** What a SQL text does: read-only only when every statement reads and none has a writing word. */
export function sqlEffect(sql: string): QueryVerdict {
  const statements = sql.replace(/--[^\n]*/g, ' ').replace(/\/\*[\s\S]*?\*\//g, ' ').split(/;|\n\s*\\(?=g\b)/).map((s) => s.trim()).filter(Boolean);
  if (statements.length === 0) return { effect: 'unknown', why: 'runs no query the table can see' };
  for (const st of statements) {
    const first = st.split(/\s+/)[0].toUpperCase();
    // A psql meta-command (`\d`, `\dt+`, `\l`) only describes; `\copy`, `\i`, `\o`, `\!` write or run more.
    if (st.startsWith('\\')) {
      if (/^\\(copy|i|ir|include|o|out|w|write|!|set|unset|gexec|connect|c|password|e|edit|ef|ev|lo_\w+)\b/i.test(st)) return { effect: 'changes', why: `runs ${st.split(/\s+/)[0]}, which writes, edits or runs more` };
      continue;
    }
    if (!READ_SQL.test(st)) return { effect: 'changes', why: `runs ${first}` };
    const write = WRITE_SQL.exec(st.slice(first.length));
    if (write) return { effect: 'changes', why: `runs a query with ${write[1].toUpperCase()}` };
  }
  return { effect: 'read-only', why: 'runs read-only queries' };
}

/** SQL clients: the query after `-c`/`-e`/..., else a here-document; an interactive session is unknown. */
function sqlClient(tool: string, args: readonly string[], stdin: string | undefined): QueryVerdict {
  const options = SQL_CLIENTS[tool];
  const queries: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const opt = options.find((o) => a === o || (o.startsWith('--') && a.startsWith(`${o}=`)) || (!o.startsWith('--') && a.startsWith(o) && a.length > o.length));
    if (!opt) continue;
    if (a === opt) queries.push(args[++i] ?? '');
    else queries.push(a.slice(a.startsWith(`${opt}=`) ? opt.length + 1 : opt.length));
  }
  // sqlite3 DB "query"
  if (tool === 'sqlite3') {
    const positional = args.filter((a) => !a.startsWith('-'));
    if (positional.length >= 2) queries.push(positional.slice(1).join(' '));
  }
  if (args.some((a) => /^(-f|--file|-i|--input)(=|$)/.test(a))) return { effect: 'unknown', why: 'runs queries from a file' };
  if (queries.length === 0 && stdin !== undefined) queries.push(stdin);
  if (queries.length === 0) return { effect: 'unknown', why: 'opens an interactive database session' };
  return sqlEffect(queries.join(';'));
}

const REDIS_READS = new Set(['GET', 'MGET', 'EXISTS', 'TTL', 'PTTL', 'EXPIRETIME', 'TYPE', 'KEYS', 'SCAN', 'SSCAN', 'HSCAN', 'ZSCAN', 'INFO', 'PING', 'DBSIZE', 'LLEN', 'LRANGE', 'LINDEX', 'LPOS', 'HGET', 'HMGET', 'HGETALL', 'HLEN', 'HKEYS', 'HVALS', 'HEXISTS', 'HSTRLEN', 'SCARD', 'SMEMBERS', 'SISMEMBER', 'SMISMEMBER', 'SRANDMEMBER', 'ZCARD', 'ZRANGE', 'ZRANGEBYSCORE', 'ZREVRANGE', 'ZREVRANGEBYSCORE', 'ZSCORE', 'ZMSCORE', 'ZCOUNT', 'ZRANK', 'ZREVRANK', 'ZLEXCOUNT', 'STRLEN', 'GETRANGE', 'BITCOUNT', 'GETBIT', 'PFCOUNT', 'XLEN', 'XRANGE', 'XREVRANGE', 'XINFO', 'XPENDING', 'TIME', 'LASTSAVE', 'ROLE', 'ECHO', 'OBJECT', 'DUMP', 'RANDOMKEY', 'COMMAND', 'PUBSUB', 'LOLWUT', 'SUBSCRIBE', 'PSUBSCRIBE', 'MONITOR', 'SINTER', 'SUNION', 'SDIFF', 'ZINTER', 'ZUNION', 'ZDIFF', 'GEOPOS', 'GEODIST', 'GEOSEARCH', 'GEORADIUS_RO', 'GEOHASH', 'HRANDFIELD', 'ZRANDMEMBER', 'SORT_RO', 'MEMORY', 'SLOWLOG', 'CLIENT', 'CONFIG', 'CLUSTER', 'LATENCY', 'SENTINEL', 'ACL', 'MODULE', 'FUNCTION', 'SCRIPT', 'READONLY', 'AUTH', 'HELLO', 'SELECT']);
/** Subcommands of the read commands above that are reads; any other subcommand writes (`CONFIG SET`, `CLIENT KILL`). */
const REDIS_READ_SUBCOMMANDS: Record<string, readonly string[]> = {
  MEMORY: ['USAGE', 'STATS', 'DOCTOR', 'MALLOC-STATS', 'HELP'],
  SLOWLOG: ['GET', 'LEN', 'HELP'],
  CLIENT: ['LIST', 'INFO', 'GETNAME', 'ID', 'GETREDIR', 'TRACKINGINFO', 'HELP'],
  CONFIG: ['GET', 'HELP'],
  CLUSTER: ['INFO', 'NODES', 'SLOTS', 'SHARDS', 'MYID', 'KEYSLOT', 'COUNTKEYSINSLOT', 'GETKEYSINSLOT', 'COUNT-FAILURE-REPORTS', 'LINKS', 'REPLICAS', 'SLAVES', 'HELP'],
  LATENCY: ['LATEST', 'HISTORY', 'DOCTOR', 'GRAPH', 'HISTOGRAM', 'HELP'],
  SENTINEL: ['MASTERS', 'MASTER', 'REPLICAS', 'SLAVES', 'SENTINELS', 'GET-MASTER-ADDR-BY-NAME', 'CKQUORUM', 'INFO-CACHE', 'MYID', 'PENDING-SCRIPTS', 'HELP'],
  ACL: ['LIST', 'USERS', 'GETUSER', 'WHOAMI', 'CAT', 'LOG', 'DRYRUN', 'HELP'],
  MODULE: ['LIST', 'HELP'],
  FUNCTION: ['LIST', 'STATS', 'DUMP', 'HELP'],
  SCRIPT: ['EXISTS', 'HELP'],
  OBJECT: ['ENCODING', 'FREQ', 'IDLETIME', 'REFCOUNT', 'HELP'],
  XINFO: ['STREAM', 'GROUPS', 'CONSUMERS', 'HELP'],
  PUBSUB: ['CHANNELS', 'NUMSUB', 'NUMPAT', 'SHARDCHANNELS', 'SHARDNUMSUB', 'HELP'],
  COMMAND: ['COUNT', 'DOCS', 'GETKEYS', 'INFO', 'LIST', 'HELP'],
};
const REDIS_VALUE_OPTIONS = new Set(['-h', '-p', '-s', '-a', '-u', '-n', '-r', '-i', '-d', '-D', '-x', '--user', '--pass', '--askpass', '--sni', '--cacert', '--cacertdir', '--cert', '--key', '--tls-ciphers', '--tls-ciphersuites', '--eval', '--pattern', '--count', '--quoted-pattern', '--memkeys-samples', '--functions-rdb', '-3', '--csv', '--resp2', '--resp3']);
const REDIS_READ_MODES = /^--(scan|bigkeys|memkeys|hotkeys|latency|latency-history|latency-dist|stat|intrinsic-latency|no-auth-warning|raw|no-raw|tls|insecure|verbose|version|help|count|pattern|quoted-pattern|csv|json)$/;

/** redis-cli: the command after the connection options decides; no command opens a session (unknown). */
function redisCli(args: readonly string[]): QueryVerdict {
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--rdb' || a === '--pipe' || a === '--eval' || a === '--functions-rdb') return { effect: 'changes', why: `${a} writes a dump or runs a script` };
    if (a.startsWith('-') && positional.length === 0) {
      if (REDIS_VALUE_OPTIONS.has(a) && !['-3', '--csv', '--resp2', '--resp3'].includes(a)) i++;
      continue;
    }
    positional.push(a);
  }
  if (positional.length === 0) {
    const mode = args.find((a) => REDIS_READ_MODES.test(a) && !/^--(no-auth-warning|raw|no-raw|tls|insecure|verbose|csv|json)$/.test(a));
    return mode ? { effect: 'read-only', why: `${mode} samples the server` } : { effect: 'unknown', why: 'opens an interactive redis session' };
  }
  const command = positional[0].toUpperCase();
  const sub = positional[1]?.toUpperCase();
  if (!REDIS_READS.has(command)) return { effect: 'changes', why: `runs ${command}` };
  const reads = REDIS_READ_SUBCOMMANDS[command];
  if (reads && (!sub || !reads.includes(sub))) return sub ? { effect: 'changes', why: `runs ${command} ${sub}` } : { effect: 'read-only', why: `runs ${command}` };
  return { effect: 'read-only', why: `runs ${command}${reads ? ` ${sub}` : ''}` };
}

const MONGO_WRITE = /\b(insert\w*|update\w*|delete\w*|remove|drop\w*|create\w*|rename\w*|replaceOne|findOneAnd\w+|findAndModify|bulkWrite|save|killOp|shutdownServer|stepDown|reconfig|freeze|add|addArb|syncFrom|compact|repairDatabase|fsyncLock|fsyncUnlock|setProfilingLevel|setParameter|grant\w*|revoke\w*|enableSharding|shardCollection|moveChunk|splitAt|splitFind|balancerStart|balancerStop|startBalancer|stopBalancer|setBalancerState|runCommand|adminCommand|eval|load|aggregate)\b/;
const MONGO_READ = /\b(find|findOne|count|countDocuments|estimatedDocumentCount|distinct|stats|getCollectionNames|getCollectionInfos|serverStatus|status|currentOp|isMaster|hello|getIndexes|printReplicationInfo|printSecondaryReplicationInfo|printSlaveReplicationInfo|getReplicationInfo|conf|version|hostInfo|listCollections|getProfilingStatus|getName|getMongo|getSiblingDB|getUsers|getRoles|dataSize|totalSize|storageSize|printShardingStatus|getBalancerState|isBalancerRunning|explain)\b/;

/** mongosh / mongo: the `--eval` script decides; reads only when it calls only known readers. */
function mongoShell(args: readonly string[]): QueryVerdict {
  const i = args.findIndex((a) => a === '--eval' || a.startsWith('--eval='));
  if (i < 0) return args.some((a) => /\.js$/.test(a)) ? { effect: 'unknown', why: 'runs a script file' } : { effect: 'unknown', why: 'opens an interactive mongo session' };
  const script = args[i].startsWith('--eval=') ? args[i].slice(7) : args[i + 1] ?? '';
  const write = MONGO_WRITE.exec(script);
  if (write) return { effect: 'changes', why: `calls ${write[1]}` };
  return MONGO_READ.test(script) ? { effect: 'read-only', why: 'runs read-only calls' } : { effect: 'unknown', why: 'runs a script the table cannot read' };
}

const WRITE_METHODS = /^(POST|PUT|PATCH|DELETE|PURGE|MOVE|COPY|MKCOL|PROPPATCH|LOCK|UNLOCK)$/i;

/** curl: `-X`/`--request` with a writing method, a body (`-d`, `--data*`, `-F`, `--json`), an upload (`-T`) or an output file. */
function curl(args: readonly string[]): QueryVerdict {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let method: string | undefined;
    if (a === '-X' || a === '--request') method = args[i + 1];
    else if (a.startsWith('--request=')) method = a.slice(10);
    else if (/^-[a-zA-Z]*X/.test(a) && !a.startsWith('--')) method = a.slice(a.indexOf('X') + 1) || args[i + 1];
    if (method !== undefined && WRITE_METHODS.test(method)) return { effect: 'changes', why: `sends a ${method.toUpperCase()} request` };
    if (/^(-d|--data|--data-\w+|--json|-F|--form|--form-string)(=|$)/.test(a) || (/^-[a-zA-Z]*d./.test(a) && !a.startsWith('--'))) return { effect: 'changes', why: 'sends a request body' };
    if (/^(-T|--upload-file)(=|$)/.test(a)) return { effect: 'changes', why: 'uploads a file' };
    if (/^(-o|--output|-O|--remote-name|--remote-name-all|-J|--output-dir)(=|$)/.test(a) && !(a === '-o' && args[i + 1] === '/dev/null')) return { effect: 'changes', why: 'writes a file' };
  }
  return { effect: 'read-only', why: 'sends a GET request' };
}

/** wget: downloads to a file unless told to write to stdout or only check (`--spider`). */
function wget(args: readonly string[]): QueryVerdict {
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (/^--(post-data|post-file|body-data|body-file)(=|$)/.test(a)) return { effect: 'changes', why: 'sends a request body' };
    const method = a === '--method' ? args[i + 1] : a.startsWith('--method=') ? a.slice(9) : undefined;
    if (method && WRITE_METHODS.test(method)) return { effect: 'changes', why: `sends a ${method.toUpperCase()} request` };
  }
  const stdout = args.some((a, i) => ((a === '-O' || a === '--output-document') && ['-', '/dev/null'].includes(args[i + 1] ?? '')) || /^-[a-zA-Z]*O-$/.test(a) || a === '--output-document=-' || a === '--spider');
  return stdout ? { effect: 'read-only', why: 'reads a URL' } : { effect: 'changes', why: 'downloads to a file' };
}

/** HTTPie (`http`, `https`, `xh`): a writing method, or `field=value` / `field:=json` data items (which make it a POST). */
function httpie(args: readonly string[]): QueryVerdict {
  const positional = args.filter((a) => !a.startsWith('-'));
  if (positional.length > 0 && /^[A-Z]+$/.test(positional[0])) {
    if (WRITE_METHODS.test(positional[0])) return { effect: 'changes', why: `sends a ${positional[0]} request` };
    return { effect: 'read-only', why: `sends a ${positional[0]} request` };
  }
  if (args.some((a) => /^(-f|--form|--multipart|--raw|--offline)$/.test(a))) return { effect: 'changes', why: 'sends a request body' };
  if (positional.slice(1).some((a) => /^[^=:@]+(:=|=|@)/.test(a) && !/^[^=]+==/.test(a))) return { effect: 'changes', why: 'sends data items (a POST)' };
  if (args.some((a) => /^(-d|--download|-o|--output)$/.test(a))) return { effect: 'changes', why: 'writes a file' };
  return { effect: 'read-only', why: 'sends a GET request' };
}

/** The verdict for a query-decided tool, or undefined when `tool` is not one. */
export function queryVerdict(tool: string, args: readonly string[], stdin: string | undefined): QueryVerdict | undefined {
  if (tool in SQL_CLIENTS) return sqlClient(tool, args, stdin);
  if (tool === 'bq' && args.includes('query')) return sqlEffect(args.filter((a) => !a.startsWith('-') && a !== 'query').join(' '));
  if (tool === 'redis-cli' || tool === 'valkey-cli' || tool === 'keydb-cli' || tool === 'gitlab-redis-cli') return redisCli(args);
  if (tool === 'mongosh' || tool === 'mongo') return mongoShell(args);
  if (tool === 'curl') return curl(args);
  if (tool === 'wget') return wget(args);
  if (tool === 'http' || tool === 'https' || tool === 'xh') return httpie(args);
  return undefined;
}
