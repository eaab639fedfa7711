using Concord.Intel.Features.Correlation;

namespace Concord.Intel.Tests.Correlation;

public class PrefixCacheTests
{
    [Fact]
    public async Task Cache_ReadsTheStoreOnceWithinItsRefresh_AndHoldsWhatThisProcessWrites()
    {
        var cache = new PrefixCache();
        var reads = 0;
        Task<List<(short Space, short Prefix)>> ReadAsync(CancellationToken cancellationToken)
        {
            reads++;
            return Task.FromResult(new List<(short Space, short Prefix)> { (ObservableKey.V4Space, 24) });
        }

        Assert.Equal([(ObservableKey.V4Space, (short)24)], await cache.GetAsync(ReadAsync, TestContext.Current.CancellationToken));

        // A writer of this process stores a /16: lookups probe it at once, without reading the store again.
        cache.Add((ObservableKey.V4Space, 16));
        var known = await cache.GetAsync(ReadAsync, TestContext.Current.CancellationToken);

        Assert.Equal(new HashSet<(short, short)> { (ObservableKey.V4Space, 24), (ObservableKey.V4Space, 16) }, known.ToHashSet());
        Assert.Equal(1, reads);
    }
}
