namespace Concord.Access;

/// <summary>
/// Authorization policy names other modules put on their endpoint groups (<c>group.RequireAuthorization(AccessPolicies.Analyst)</c>).
/// Each policy grants actions, never extra reads of intelligence: reads are decided by <see cref="Visibility"/> alone.
/// A user who still has to change a one-time password satisfies none of them (except <see cref="SignedIn"/>).
/// An endpoint or page that names no policy gets <see cref="Member"/> (the fallback policy); one that must answer
/// strangers (sign-in, health, static files) says so with <c>AllowAnonymous</c>.
/// </summary>
public static class AccessPolicies
{
    /// <summary>
    /// Signed in, even with a one-time password still to change: only for the caller's own account (who am I, change
    /// password). Grants no reads.
    /// </summary>
    public const string SignedIn = "concord-authenticated";

    /// <summary>Any authenticated user or API key of this node (read-only and up). Also the default policy. Not a peer node.</summary>
    public const string Member = "member";

    /// <summary>
    /// A member, or a connected peer node: for endpoints that only read shareable records, where
    /// <see cref="Visibility"/> narrows what each may see (a peer: connected-nodes and public scope, GREEN and CLEAR).
    /// </summary>
    public const string Reader = "reader";

    /// <summary>
    /// A <see cref="Reader"/>, or — only where the node admin turned on <c>Concord:Access:AllowAnonymousPublicReads</c> —
    /// a caller who sent no credentials at all, who then reads what <see cref="Visibility"/> shows
    /// <see cref="Principal.Anonymous"/> (public scope, TLP:CLEAR). Credentials that were sent and refused never fall back
    /// to anonymous. For endpoints and pages that only read shareable records; the same setting governs REST, TAXII and UI.
    /// </summary>
    public const string PublicReader = "public-reader";

    /// <summary>
    /// Role analyst or higher, speaking for an organisation: may write intelligence for it. (A node admin without an
    /// organisation operates the node but owns no intelligence, so does not pass.)
    /// </summary>
    public const string Analyst = "analyst";

    /// <summary>Role org admin or higher: manages its own organisation's users, keys and sharing groups.</summary>
    public const string OrgAdmin = "org-admin";

    /// <summary>Role secretariat or higher: manages the alliance's organisations.</summary>
    public const string Secretariat = "secretariat";

    /// <summary>Role node admin: operates the node, manages users of every organisation.</summary>
    public const string NodeAdmin = "node-admin";
}
