using Concord.Access;
using Concord.Platform;

namespace Concord.Federation.Features.Peers;

/// <summary>Who may manage federation, and what a peer's name, address and key must look like.</summary>
internal static class PeerRules
{
    public static Error? NodeAdmin(Principal caller) =>
        caller.HasRole(Role.NodeAdmin) ? null : Error.Forbidden("Connecting and managing peer nodes is for node admins.");

    public static Error? Name(string? name) =>
        string.IsNullOrWhiteSpace(name) ? Error.Validation("name", "required", "A peer needs a name (e.g. 'node-fi').")
        : name.Trim().Length > 100 ? Error.Validation("name", "length", "A peer's name has at most 100 characters.")
        : name.Trim().Any(char.IsControl) ? Error.Validation("name", "characters", "A peer's name may not hold control characters.")
        : null;

    /// <summary>An absolute http(s) address without credentials, query or fragment; returned ending in '/'.</summary>
    public static Result<string> Url(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return Error.Validation("url", "required", "A peer needs the address of its node (e.g. 'https://concord.cert.example/').");
        }

        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            return Error.Validation("url", "absolute-http-url", $"'{url}' is not an absolute http or https address.");
        }

        if (!string.IsNullOrEmpty(uri.UserInfo) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            return Error.Validation("url", "plain-url", "The peer's address may not hold credentials, a query or a fragment: its key is given separately.");
        }

        var text = uri.GetLeftPart(UriPartial.Path);
        return text.EndsWith('/') ? text : text + "/";
    }

    public static Error? Key(string? key) =>
        key is null ? null
        : key.Length is < 16 or > 200 || key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? Error.Validation("key", "key-format", "The peer's key is the single line its node printed when it registered this node (16-200 characters, no spaces).")
            : null;
}
