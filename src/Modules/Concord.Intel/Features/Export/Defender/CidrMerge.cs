using Concord.Observables;

namespace Concord.Intel.Features.Export.Defender;

/// <summary>
/// Addresses and networks collected as ranges of integers (16 bytes each, so a million fit in a few dozen megabytes and no
/// text is kept), then sorted, merged where they overlap or touch, and written as the fewest CIDR networks that cover
/// exactly the merged ranges. IPv4 and IPv6 are kept apart: an IPv4 range never merges with the IPv6 space next to
/// <c>::ffff:0:0/96</c>, where IPv4 lives in <see cref="IpNetwork"/>'s one space.
/// </summary>
internal sealed class CidrMerge
{
    private readonly List<(UInt128 First, UInt128 Last)> _v4 = [];
    private readonly List<(UInt128 First, UInt128 Last)> _v6 = [];

    public void Add(IpNetwork network) => (network.IsV4 ? _v4 : _v6).Add((network.First, network.Last));

    /// <summary>IPv4 networks in address order, then IPv6 networks.</summary>
    public IEnumerable<IpNetwork> Networks() => Merged(_v4).Concat(Merged(_v6));

    /// <summary>Merges overlapping and adjacent ranges, then splits each into CIDR blocks.</summary>
    internal static IEnumerable<IpNetwork> Merged(List<(UInt128 First, UInt128 Last)> ranges)
    {
        ranges.Sort();
        var i = 0;
        while (i < ranges.Count)
        {
            var (first, last) = ranges[i++];
            while (i < ranges.Count && (last == UInt128.MaxValue || ranges[i].First <= last + 1))
            {
                last = ranges[i].Last > last ? ranges[i].Last : last;
                i++;
            }

            foreach (var block in Blocks(first, last))
            {
                yield return block;
            }
        }
    }

    /// <summary>The fewest CIDR blocks covering [first, last]: from the left, the largest aligned block that fits.</summary>
    internal static IEnumerable<IpNetwork> Blocks(UInt128 first, UInt128 last)
    {
        while (true)
        {
            // The block's size is bounded by first's alignment (its trailing zero bits) and by what is left of the range.
            var prefix = first == UInt128.Zero ? 0 : 128 - (int)UInt128.TrailingZeroCount(first);
            while (prefix < 128 && (first | (UInt128.MaxValue >> prefix)) > last)
            {
                prefix++;
            }

            var block = new IpNetwork(first, prefix);
            yield return block;
            if (block.Last >= last)
            {
                yield break;
            }

            first = block.Last + 1;
        }
    }
}
