using Concord.Platform.Feeds;
using Microsoft.Data.Sqlite;

namespace Concord.Intel.Tests;

/// <summary>A follower that waited out a long SQLite write says so as information; every other failure stays an error.</summary>
public class StoreErrorsTests
{
    [Theory]
    [InlineData(5, true)] // SQLITE_BUSY: "database is locked"
    [InlineData(6, true)] // SQLITE_LOCKED
    [InlineData(1, false)] // SQLITE_ERROR
    [InlineData(19, false)] // SQLITE_CONSTRAINT
    public void StoreBusy_IsSQLitesLockedStore_AlsoWhenWrapped(int code, bool busy)
    {
        var error = new SqliteException("database is locked", code);

        Assert.Equal(busy, StoreErrors.Busy(error));
        Assert.Equal(busy, StoreErrors.Busy(new InvalidOperationException("a transient failure", error)));
    }

    [Fact]
    public void StoreBusy_IsNotAnyOtherFailure() =>
        Assert.False(StoreErrors.Busy(new InvalidOperationException("database is locked")));
}
