using Microsoft.Data.Sqlite;

namespace SlmMesh.Store;

/// <summary>What one background checkpoint did: the thread it ran on, SQLite's result code, the WAL's frames and how many of them are now copied, and the error, if it failed.</summary>
internal readonly record struct WalCheckpointPass(int ThreadId, int ResultCode, int LogFrames, int CopiedFrames, SqliteException? Error);
