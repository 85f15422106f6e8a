namespace SlmMesh.Store;

internal sealed partial class MeshStore
{
    // Step i takes the schema from user_version i to i + 1. Append steps; never edit a shipped one.
    // No AUTOINCREMENT (it costs a write per insert): ids still never go back because pruning always
    // keeps the newest event, and message seq only orders the rows that exist. No index on read_at or
    // expires_at either: only pruning uses them, every few minutes, and a scan then is cheaper than
    // maintaining two more indexes on every send and acknowledgement.
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE peers (
            id           TEXT PRIMARY KEY NOT NULL,
            name         TEXT NOT NULL,
            agent_type   TEXT NOT NULL,
            pid          INTEGER NOT NULL,
            agent_pid    INTEGER NOT NULL,
            cwd          TEXT NOT NULL,
            git_root     TEXT,
            git_branch   TEXT,
            summary      TEXT,
            connected_at INTEGER NOT NULL,
            last_seen    INTEGER NOT NULL,
            ephemeral    INTEGER NOT NULL
        );

        CREATE TABLE messages (
            seq         INTEGER PRIMARY KEY,
            id          TEXT NOT NULL,
            sender      TEXT NOT NULL,
            sender_name TEXT NOT NULL,
            recipient   TEXT NOT NULL,
            broadcast   INTEGER NOT NULL,
            type        TEXT NOT NULL,
            payload     TEXT NOT NULL,
            reply_to    TEXT,
            created_at  INTEGER NOT NULL,
            expires_at  INTEGER NOT NULL,
            read_at     INTEGER,
            UNIQUE (id, recipient)
        );
        CREATE INDEX messages_unread ON messages (recipient, seq) WHERE read_at IS NULL;
        CREATE INDEX messages_recipient ON messages (recipient, seq);

        CREATE TABLE state (
            namespace  TEXT NOT NULL,
            key        TEXT NOT NULL,
            value      TEXT NOT NULL,
            version    INTEGER NOT NULL,
            updated_by TEXT NOT NULL,
            updated_at INTEGER NOT NULL,
            deleted    INTEGER NOT NULL,
            PRIMARY KEY (namespace, key)
        ) WITHOUT ROWID;

        CREATE TABLE locks (
            path          TEXT PRIMARY KEY NOT NULL,
            glob          INTEGER NOT NULL,
            holder_id     TEXT NOT NULL,
            holder_name   TEXT NOT NULL,
            reason        TEXT,
            fencing_token INTEGER NOT NULL,
            acquired_at   INTEGER NOT NULL,
            expires_at    INTEGER NOT NULL
        );

        CREATE TABLE lock_fencing (
            path       TEXT PRIMARY KEY NOT NULL,
            last_token INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE events (
            id         INTEGER PRIMARY KEY,
            type       TEXT NOT NULL,
            peer_id    TEXT,
            data       TEXT NOT NULL,
            created_at INTEGER NOT NULL
        );
        CREATE INDEX events_created_at ON events (created_at);
        """,

        // 2: pruning finds old events by id order (they are appended in time order); the index cost a page per commit.
        """
        DROP INDEX IF EXISTS events_created_at;
        """,
    ];

    /// <summary>The schema version this build creates and understands.</summary>
    internal static int SchemaVersion => Migrations.Length;

    private void Migrate()
    {
        long version = (long)ExecuteScalar("PRAGMA user_version")!;
        if (version > Migrations.Length)
        {
            throw new InvalidOperationException(
                $"{_path} has schema version {version}, newer than this build understands ({Migrations.Length}). Use a newer SlmMesh.");
        }

        for (int step = (int)version; step < Migrations.Length; step++)
        {
            ExecuteScalar("BEGIN IMMEDIATE");
            try
            {
                ExecuteNonQuery(Migrations[step]);
                ExecuteScalar($"PRAGMA user_version = {step + 1}");
                ExecuteScalar("COMMIT");
            }
            catch
            {
                if (InTransaction)
                {
                    ExecuteScalar("ROLLBACK");
                }

                throw;
            }

            LogMigrated(_logger, _path, step + 1);
        }
    }
}
