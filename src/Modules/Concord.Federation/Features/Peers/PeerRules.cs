using Concord.Access;
using Concord.Platform;
using Concord.Stix;

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

    /// <summary>A TAXII source's credential: a bearer token, or <c>user:password</c> for HTTP Basic (1-200 characters, no spaces).</summary>
    public static Error? SourceKey(string? key) =>
        key is null ? null
        : key.Length is < 1 or > 200 || key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? Error.Validation("key", "key-format", "A TAXII source's key is its bearer token, or 'user:password' for HTTP Basic (1-200 characters, no spaces).")
            : null;

    /// <summary>How a TAXII source's objects are stored: a collection address, a local owner, a known TLP and scope that TLP allows.</summary>
    public static async Task<Result<(Guid Owner, Tlp? Tlp, Scope? Scope)>> SourceAsync(NewPeer request, string url, IAccessDirectory directory, CancellationToken cancellationToken)
    {
        if (!url.Contains("/collections/", StringComparison.Ordinal))
        {
            return Error.Validation("url", "taxii-collection", $"'{url}' is not a TAXII collection's address (…/{{api root}}/collections/{{id}}/).");
        }

        if (request.Owner is not { } owner)
        {
            return Error.Validation("owner", "required", "A TAXII source needs the organisation of this node its objects are stored as ('owner').");
        }

        if (await directory.FindOrganisationAsync(owner, cancellationToken) is not { IsFederated: false })
        {
            return Error.Validation("owner", "organisation-unknown", $"'{owner}' is not an organisation of this node.");
        }

        Tlp? tlp = null;
        if (request.Tlp is { } tlpText)
        {
            if (!Distribution.TryParseTlp(tlpText, out var parsed))
            {
                return Error.Validation("tlp", "tlp-unknown", $"'{tlpText}' is not a TLP (clear, green, amber, amber+strict, red).");
            }

            tlp = parsed;
        }

        Scope? scope = null;
        if (request.Scope is { } scopeText)
        {
            if (!Distribution.TryParseScope(scopeText, out var parsed) || parsed is Scope.Recipients or Scope.SharingGroup)
            {
                return Error.Validation("scope", "scope-unknown", $"'{scopeText}' is not a scope a source can have (owner, alliance, connected-nodes, public).");
            }

            scope = parsed;
        }

        return (owner, tlp, scope);
    }

    public static Error? Key(string? key) =>
        key is null ? null
        : key.Length is < 16 or > 200 || key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? Error.Validation("key", "key-format", "The peer's key is the single line its node printed when it registered this node (16-200 characters, no spaces).")
            : null;
}
