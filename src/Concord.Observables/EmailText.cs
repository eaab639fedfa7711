namespace Concord.Observables;

/// <summary>
/// E-mail addresses: the domain part normalised like a domain name, the local part kept exactly, because RFC 5321
/// lets the receiving system treat it case-sensitively and folding it could merge two different mailboxes.
/// </summary>
internal static class EmailText
{
    public static Normalised Normalise(ReadOnlySpan<char> text)
    {
        var at = text.LastIndexOf('@');
        if (at <= 0 || at == text.Length - 1)
        {
            return Normalised.Fail("an address needs a local part, '@' and a domain");
        }

        var local = text[..at];
        if (local.Length > 64 || local.ContainsAny(" \t\r\n<>".AsSpan()))
        {
            return Normalised.Fail("the local part must be at most 64 characters without spaces or angle brackets");
        }

        var domainText = text[(at + 1)..];
        string domain;
        if (domainText.StartsWith('[') && domainText.EndsWith(']'))
        {
            var literal = domainText[1..^1];
            if (literal.StartsWith("IPv6:", StringComparison.OrdinalIgnoreCase))
            {
                literal = literal[5..];
            }

            if (!IpText.TryParseNetwork(literal, out var network, out _) || !network.IsAddress)
            {
                return Normalised.Fail("the address literal is not an IP address");
            }

            domain = network.IsV4 ? $"[{network}]" : $"[IPv6:{network}]";
        }
        else if (!DomainText.TryNormalise(domainText, out domain, out var reason))
        {
            return Normalised.Fail($"the domain part is invalid: {reason}");
        }

        return Normalised.Ok(ObservableKind.Email, string.Concat(local, "@", domain));
    }
}
