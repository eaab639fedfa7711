using System.Globalization;
using System.Text;

namespace Concord.Observables;

/// <summary>Domain names: lower-case ASCII, IDN labels as punycode, no trailing dot, RFC 1035 lengths.</summary>
public static class DomainText
{
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = false };

    internal static Normalised Normalise(ReadOnlySpan<char> text) =>
        TryNormalise(text, out var value, out var reason) ? Normalised.Ok(ObservableKind.Domain, value) : Normalised.Fail(reason);

    public static bool TryNormalise(ReadOnlySpan<char> text, out string value, out string reason)
    {
        value = "";
        reason = "";
        if (text.EndsWith('.'))
        {
            text = text[..^1];
        }

        if (text.IsEmpty)
        {
            reason = "the name is empty";
            return false;
        }

        string ascii;
        if (Ascii.IsValid(text))
        {
            ascii = text.ToString().ToLowerInvariant();
        }
        else
        {
            try
            {
                // The node runs with invariant globalization, where IdnMapping encodes but does not case-map, so
                // labels are lower-cased first (invariant casing is full Unicode); otherwise BÜCHER and bücher differ.
                ascii = Idn.GetAscii(text.ToString().ToLowerInvariant());
            }
            catch (ArgumentException)
            {
                reason = "not a valid internationalised domain name";
                return false;
            }
        }

        if (!HasValidLabels(ascii, out reason))
        {
            return false;
        }

        if (IpText.TryParseV4(ascii, out _, out _))
        {
            reason = "an IPv4 address is not a domain name";
            return false;
        }

        value = ascii;
        return true;
    }

    /// <summary>
    /// Letters, digits, hyphens and underscores (service labels such as <c>_dmarc</c> are real DNS names), labels of
    /// 1 to 63 characters, at most 253 in all. Leading hyphens are allowed: real lists and real malware use them.
    /// </summary>
    private static bool HasValidLabels(string name, out string reason)
    {
        reason = "";
        if (name.Length > 253)
        {
            reason = "the name is longer than 253 characters";
            return false;
        }

        foreach (var range in name.AsSpan().Split('.'))
        {
            var label = name.AsSpan(range);
            if (label.IsEmpty || label.Length > 63)
            {
                reason = "every label must be 1 to 63 characters long";
                return false;
            }

            foreach (var c in label)
            {
                if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_'))
                {
                    reason = $"the character '{c}' is not allowed in a domain name";
                    return false;
                }
            }
        }

        return true;
    }
}
