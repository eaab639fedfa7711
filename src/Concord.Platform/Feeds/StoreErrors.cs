using Microsoft.Data.Sqlite;

namespace Concord.Platform.Feeds;

/// <summary>How a store says a failure is worth waiting out rather than reporting.</summary>
public static class StoreErrors
{
    /// <summary>True for SQLite's "database is locked" (busy or locked), also wrapped: the single writer is another transaction.</summary>
    public static bool Busy(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 5 or 6 } || exception.InnerException is { } inner && Busy(inner);
}
