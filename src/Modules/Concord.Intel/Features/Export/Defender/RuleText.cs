using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Concord.Intel.Features.Export.Defender;

/// <summary>Text inside Suricata and Snort rule options, escaped so that no value can end an option or a rule early.</summary>
internal static class RuleText
{
    /// <summary>The first sid Concord uses. Sids 3,000,000,000 up to 3,999,999,999 are Concord's: above Snort's and
    /// Emerging Threats' published ranges (under 1,000,000 and 2,000,000–2,999,999) and within Suricata's 32-bit sids.</summary>
    public const uint FirstSid = 3_000_000_000;

    public const uint SidCount = 1_000_000_000;

    /// <summary>
    /// A sid from the indicator id and the value (and kind): the same rule gets the same sid in every export, whatever else
    /// is exported with it. Two rules whose hashes land on one sid (rare: a billion slots) are told apart by
    /// <see cref="SidAllocator"/>.
    /// </summary>
    public static uint Sid(string indicatorId, IndicatorValue value)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{indicatorId}\n{value.Kind}\n{value.Text}"), hash);
        return FirstSid + (uint)(BitConverter.ToUInt64(hash) % SidCount);
    }

    /// <summary>
    /// A <c>content</c> value: printable ASCII as is, except <c>" ; \ |</c> and everything else, which are written as
    /// hex bytes (<c>|3B|</c>). Hex is read alike by Suricata and Snort, where their backslash escapes differ.
    /// </summary>
    public static string Content(string value) => Content(Encoding.UTF8.GetBytes(value));

    public static string Content(ReadOnlySpan<byte> bytes)
    {
        var builder = new StringBuilder(bytes.Length + 8);
        var inHex = false;
        foreach (var b in bytes)
        {
            var plain = b is >= 0x20 and < 0x7F and not ((byte)'"' or (byte)';' or (byte)'\\' or (byte)'|' or (byte)':');
            if (plain == inHex)
            {
                builder.Append('|');
                inHex = !plain;
            }
            else if (!plain)
            {
                builder.Append(' ');
            }

            builder.Append(plain ? ((char)b).ToString() : b.ToString("X2", CultureInfo.InvariantCulture));
        }

        return inHex ? builder.Append('|').ToString() : builder.ToString();
    }

    /// <summary>
    /// A <c>msg</c>: printable ASCII only (other characters become <c>?</c>), with <c>" ; \</c> escaped by a backslash as both
    /// engines read them in msg, at most 200 characters so that a long name cannot make an unwieldy rule.
    /// </summary>
    public static string Message(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text.Length > 200 ? text[..200] : text)
        {
            builder.Append(c is '"' or ';' or '\\' ? "\\" + c : c is >= ' ' and < '\x7F' ? c.ToString() : "?");
        }

        return builder.ToString();
    }
}

/// <summary>Hands out each rule's stable sid, moving a rule whose sid is taken in this export to the next free one.</summary>
internal sealed class SidAllocator
{
    private readonly HashSet<uint> _used = [];

    public uint Next(string indicatorId, IndicatorValue value)
    {
        var sid = RuleText.Sid(indicatorId, value);
        while (!_used.Add(sid))
        {
            sid = RuleText.FirstSid + ((sid - RuleText.FirstSid + 1) % RuleText.SidCount);
        }

        return sid;
    }
}
