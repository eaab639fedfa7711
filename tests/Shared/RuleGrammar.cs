using System.Globalization;
using System.Net;
using System.Text;

namespace Concord.Testing;

/// <summary>
/// A parser for the rules Concord writes, to the Suricata 7 rule grammar (docs.suricata.io/en/suricata-7.0.0/rules/intro.html)
/// and Snort 2.9's: <c>action protocol source port direction destination port (keyword[:value]; …)</c>. It is strict
/// where a loose reader would hide a bug: a quoted value ends only at an unescaped quote, an option only at an unescaped
/// semicolon outside quotes; content hex sections are pairs of hex digits; addresses are IPs, CIDRs, <c>any</c> or
/// variables; <c>msg</c>, <c>sid</c> and <c>rev</c> are required; keywords are those each engine knows. Nothing is kept
/// from the writer's code: it reads the text only.
/// </summary>
public static class RuleGrammar
{
    public sealed record Rule(string Action, string Protocol, string Source, string SourcePort, string Direction, string Destination, string DestinationPort, IReadOnlyList<(string Keyword, string? Value)> Options)
    {
        public string? Value(string keyword) => Options.FirstOrDefault(o => o.Keyword == keyword).Value;

        public uint Sid => uint.Parse(Value("sid")!, CultureInfo.InvariantCulture);

        /// <summary>Each content value decoded to its bytes (hex sections and backslash escapes resolved).</summary>
        public IEnumerable<byte[]> Contents => Options.Where(o => o.Keyword == "content").Select(o => Decode(o.Value!));
    }

    private static readonly HashSet<string> Actions = ["alert", "pass", "drop", "reject", "rejectsrc", "rejectdst", "rejectboth"];

    private static readonly HashSet<string> SuricataProtocols = ["ip", "tcp", "udp", "icmp", "http", "dns", "tls", "ftp", "smtp", "ssh"];

    private static readonly HashSet<string> SnortProtocols = ["ip", "tcp", "udp", "icmp"];

    private static readonly HashSet<string> Common = ["msg", "content", "nocase", "depth", "offset", "distance", "within", "flow", "reference", "metadata", "sid", "rev", "classtype"];

    private static readonly HashSet<string> SuricataOnly = ["dns.query", "dotprefix", "startswith", "endswith", "http.host", "http.uri", "ja3.hash", "bsize"];

    private static readonly HashSet<string> SnortOnly = ["http_uri", "http_header", "fast_pattern"];

    /// <summary>Parses one rule; throws <see cref="FormatException"/> saying what is wrong.</summary>
    public static Rule Parse(string line, bool suricata)
    {
        var open = line.IndexOf('(', StringComparison.Ordinal);
        if (open < 0 || !line.EndsWith(')'))
        {
            throw new FormatException($"no option list in parentheses: {line}");
        }

        var header = line[..open].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (header.Length != 7)
        {
            throw new FormatException($"the header needs 7 parts (action protocol src port dir dst port): {line}");
        }

        Require(Actions.Contains(header[0]), $"unknown action '{header[0]}'");
        Require((suricata ? SuricataProtocols : SnortProtocols).Contains(header[1]), $"unknown protocol '{header[1]}'");
        Address(header[2]);
        Port(header[3]);
        Require(header[4] is "->" or "<>", $"unknown direction '{header[4]}'");
        Address(header[5]);
        Port(header[6]);

        var options = Options(line[(open + 1)..^1]);
        var known = suricata ? SuricataOnly : SnortOnly;
        foreach (var (keyword, value) in options)
        {
            Require(Common.Contains(keyword) || known.Contains(keyword), $"keyword '{keyword}' is not one {(suricata ? "Suricata 7" : "Snort 2.9")} knows");
            if (keyword is "content" or "msg")
            {
                Require(value is { Length: >= 2 } && value[0] == '"' && value[^1] == '"', $"{keyword} must be quoted: {value}");
                if (keyword == "content")
                {
                    Decode(value!);
                }
            }
        }

        var rule = new Rule(header[0], header[1], header[2], header[3], header[4], header[5], header[6], options);
        Require(rule.Value("msg") is not null && rule.Value("rev") is { } rev && uint.TryParse(rev, out _), "msg and rev are required");
        Require(uint.TryParse(rule.Value("sid"), NumberStyles.None, CultureInfo.InvariantCulture, out var sid) && sid > 0, "sid must be a positive 32-bit integer");
        Require(!options.Any(o => o.Keyword == "reference") || rule.Value("reference")!.StartsWith("url,", StringComparison.Ordinal), "reference must be system,id");
        return rule;
    }

    /// <summary>The options, split on semicolons outside quotes; a backslash escapes the next character.</summary>
    private static List<(string Keyword, string? Value)> Options(string text)
    {
        var options = new List<(string Keyword, string? Value)>();
        var current = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\')
            {
                Require(i + 1 < text.Length && text[i + 1] is '"' or ';' or '\\' or ':' or ',', $"bad escape at {i}: {text}");
                current.Append(c).Append(text[++i]);
            }
            else if (c == '"')
            {
                quoted = !quoted;
                current.Append(c);
            }
            else if (c == ';' && !quoted)
            {
                options.Add(Option(current.ToString().Trim()));
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        Require(!quoted, $"unterminated quote: {text}");
        Require(current.ToString().Trim().Length == 0, $"the last option has no ';': {text}");
        return options;
    }

    private static (string, string?) Option(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var keyword = colon < 0 ? text : text[..colon].Trim();
        Require(keyword.Length > 0 && keyword.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_'), $"bad keyword '{keyword}'");
        return (keyword, colon < 0 ? null : text[(colon + 1)..].Trim());
    }

    /// <summary>A quoted content value as bytes: |hex hex| sections, backslash escapes; a bare ; " or | is an error.</summary>
    public static byte[] Decode(string quoted)
    {
        var bytes = new List<byte>();
        var text = quoted[1..^1];
        var hex = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '|')
            {
                hex = !hex;
            }
            else if (hex)
            {
                if (c == ' ')
                {
                    continue;
                }

                Require(i + 1 < text.Length && char.IsAsciiHexDigit(c) && char.IsAsciiHexDigit(text[i + 1]), $"bad hex in {quoted}");
                bytes.Add(byte.Parse(text.AsSpan(i, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                i++;
            }
            else if (c == '\\')
            {
                bytes.Add((byte)text[++i]);
            }
            else
            {
                Require(c is not ('"' or ';') && c is >= ' ' and < '\x7F', $"unescaped '{c}' in {quoted}");
                bytes.Add((byte)c);
            }
        }

        Require(!hex, $"unterminated hex in {quoted}");
        return [.. bytes];
    }

    private static void Address(string text)
    {
        if (text is "any" || text.StartsWith('$'))
        {
            return;
        }

        Require(text.StartsWith('[') && text.EndsWith(']'), $"address '{text}' is neither any, a variable nor a list");
        foreach (var item in text[1..^1].Split(','))
        {
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            Require(IPAddress.TryParse(slash < 0 ? item : item[..slash], out var ip), $"'{item}' is not an IP address");
            Require(slash < 0 || int.TryParse(item[(slash + 1)..], out var prefix) && prefix >= 0 && prefix <= (ip!.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128), $"bad prefix in '{item}'");
        }
    }

    private static void Port(string text) =>
        Require(text is "any" || text.StartsWith('$') || ushort.TryParse(text, out _), $"port '{text}' is neither any, a variable nor a number");

    private static void Require(bool condition, string problem)
    {
        if (!condition)
        {
            throw new FormatException(problem);
        }
    }
}
