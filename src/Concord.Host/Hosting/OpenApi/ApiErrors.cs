using Concord.Access;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Concord.Host.Hosting.OpenApi;

/// <summary>
/// Documents the problem-details answers every operation can give, from what its endpoint declares: 400 for any input,
/// 415 for a body in a media type it does not read, 401 and 403 from its authorization policy, 404 for a route with an
/// id (what the caller may not read is "not found" too), 429 where a rate limit applies, and the conflicts and limits a
/// few operations have. Derived here rather than repeated on each endpoint, so that a new endpoint is documented by the
/// same rules the day it is mapped; and 500, which any operation can answer.
/// </summary>
internal static class ApiErrors
{
    public const string ProblemSchema = "Problem";

    /// <summary>What any operation answers when something unexpected fails.</summary>
    public const string Unexpected = "Something unexpected failed; the problem carries no internals (they go to the node's log).";

    /// <summary>The policies any signed-in caller satisfies: no 403 to document.</summary>
    private static readonly HashSet<string> OpenPolicies = [AccessPolicies.SignedIn, AccessPolicies.Reader];

    /// <summary>Operations that answer 409 (a name taken, a state that forbids the change) or 413.</summary>
    private static readonly Dictionary<string, (int Status, string Description)> Extra = new(StringComparer.Ordinal)
    {
        ["CreateOrganisation"] = (409, "An organisation of that name exists (rule `organisation-name-taken`)."),
        ["UpdateOrganisation"] = (409, "An organisation of that name exists (rule `organisation-name-taken`)."),
        ["CreateUser"] = (409, "The user name or e-mail is taken (rules `user-name-taken`, `email-taken`)."),
        ["UpdateUser"] = (409, "The e-mail is taken (rule `email-taken`)."),
        ["CreateSharingGroup"] = (409, "Your organisation has a group of that name (rule `group-name-taken`)."),
        ["RenameSharingGroup"] = (409, "Your organisation has a group of that name (rule `group-name-taken`)."),
        ["DeleteSharingGroup"] = (409, "Records are still shared into the group (rule `sharing-group-in-use`)."),
        ["CreatePeerNode"] = (409, "A peer node of that name is registered (rule `name-taken`)."),
        ["RevokeObject"] = (409, "The object is already revoked (rule `already-revoked`)."),
        ["CreateWebhook"] = (409, "Your organisation has the most webhooks it may have (rule `webhook-limit`)."),
        ["SendTestMail"] = (409, "No SMTP relay is configured (rule `smtp-not-configured`)."),
        ["ImportObjects"] = (413, "The bundle is larger than the node's import limit."),
        ["AcknowledgeRequest"] = (409, "The request is not open (rule `request-status`, field `status`)."),
        ["AcceptRequest"] = (409, "The request is not open or acknowledged (rule `request-status`, field `status`)."),
        ["DeclineRequest"] = (409, "The request is not open or acknowledged (rule `request-status`, field `status`)."),
        ["ReportRequestProgress"] = (409, "The request is not acknowledged or accepted (rule `request-status`, field `status`)."),
        ["CloseRequest"] = (409, "The request is not acknowledged or accepted (rule `request-status`, field `status`)."),
        ["WithdrawRequest"] = (409, "The request is already finished (rule `request-status`, field `status`)."),
        ["AttachToCase"] = (413, "The file is larger than the node's attachment limit (rule `attachment-too-large`, field `file`)."),
    };

    public static Task AddAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        void Add(int status, string description) => operation.Responses.TryAdd(status.ToString(System.Globalization.CultureInfo.InvariantCulture), new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
            },
        });

        if (operation.Parameters is { Count: > 0 } || operation.RequestBody is not null)
        {
            Add(400, "A parameter or the body is invalid, or not even of its type (`limit=abc`, a malformed UUID or timestamp, a body "
                + "that is not JSON): the problem names the `field` and the `rule`, and the detail the value refused.");
        }

        // Routing refuses a body in another media type before the endpoint runs, for an operation that declares the ones it reads.
        if (metadata.OfType<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>().Any(a => a.ContentTypes.Count > 0 && !a.IsOptional))
        {
            Add(415, "The body is not in a media type the operation reads: the problem names the field `Content-Type`.");
        }

        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count > 0 && !metadata.OfType<IAllowAnonymous>().Any())
        {
            Add(401, "No valid session cookie or API key.");
            if (authorize.Any(a => a.Policy is { } policy && !OpenPolicies.Contains(policy)))
            {
                Add(403, "The caller's role or kind (user, API key, peer node) does not allow this operation.");
            }
        }

        if (context.Description.RelativePath?.Contains('{', StringComparison.Ordinal) == true)
        {
            Add(404, "Not found, or not visible to the caller: the answer is the same, so it never confirms that a record exists.");
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            Add(429, "Too many attempts from this client; `Retry-After` says when to try again.");
        }

        if (operation.OperationId is { } id && Extra.TryGetValue(id, out var extra))
        {
            Add(extra.Status, extra.Description);
        }

        Add(500, Unexpected);

        return Task.CompletedTask;
    }

    /// <summary>The RFC 9457 problem details every error answer carries, with Concord's <c>rule</c> and <c>field</c>.</summary>
    public static OpenApiSchema Schema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details. `rule` is a stable id of what was broken; `field` names the input at fault.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("A URI identifying the kind of problem."),
            ["title"] = Text("A short summary of the kind of problem."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "The HTTP status code." },
            ["detail"] = Text("What went wrong in this request, for a person."),
            ["instance"] = Text("The request path."),
            ["rule"] = Text("Stable, machine-readable id of the rule, e.g. `tlp-unknown`, `scope-wider-than-tlp`, `not-found`."),
            ["field"] = Text("The parameter or body property at fault, when one is."),
        },
    };

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String, Description = description };
}
