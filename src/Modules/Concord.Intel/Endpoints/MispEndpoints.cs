using System.ComponentModel;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Access;
using Concord.Intel.Features.MispApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Intel.Endpoints;

/// <summary>
/// The MISP-compatible subset PyMISP scripts use, under <c>/misp</c> (give PyMISP <c>https://node/misp/</c>, with the
/// trailing slash). Paths, bodies and answers are MISP's — not Concord's problem details — because PyMISP reads them:
/// errors are <c>{"name", "message", "url"}</c> plus Concord's <c>rule</c>/<c>field</c>. Every read goes through
/// <see cref="IIntelStore"/>; a hidden event answers exactly as a missing one. <c>{**named}</c> takes MISP's CakePHP named
/// parameters (<c>/noSightings:1</c>, <c>/metadata:1</c>, <c>/breakOnDuplicate:0</c>), which change nothing here.
/// </summary>
internal static class MispEndpoints
{
    public const string Prefix = "/misp";

    public static void MapMispEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var misp = endpoints.MapGroup(Prefix).WithTags("MISP-compatible API").WithMetadata(BareApiKey.Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest).RequireAuthorization(AccessPolicies.Member);
        misp.MapGet("/servers/getVersion", (Delegate)Version).WithName("MispGetVersion").WithSummary("MISP: the MISP API version Concord follows (PyMISP's first request).");
        misp.MapGet("/servers/getPyMISPVersion.json", (Delegate)Version).WithName("MispGetPyMispVersion").WithSummary("MISP: the PyMISP version recommended.");
        misp.MapGet("/users/view/me", MeAsync).WithName("MispViewMe").WithSummary("MISP: the caller as a MISP user, role and settings.");
        misp.MapGet("/attributes/describeTypes.json", () => Json(MispAnswer.Ok(MispDescribeTypes.Answer()))).WithName("MispDescribeTypes").WithSummary("MISP: the attribute types and categories Concord maps.");
        misp.MapMethods("/events/view/{id}/{**named}", ["GET", "POST"], ViewAsync).WithName("MispViewEvent").WithSummary("MISP: one event you may read, by uuid or numeric id.");
        misp.MapPost("/events/restSearch", (HttpContext c, MispSearch s) => SearchAsync(c, s, events: true)).WithName("MispSearchEvents").WithSummary("MISP: events you may read that match the filters.");
        misp.MapPost("/attributes/restSearch", (HttpContext c, MispSearch s) => SearchAsync(c, s, events: false)).WithName("MispSearchAttributes").WithSummary("MISP: attributes you may read that match the filters.");
        misp.MapPost("/events/add/{**named}", AddEventAsync).WithName("MispAddEvent").WithSummary("MISP: add an event as your organisation (the MISP import, all or nothing).").RequireAuthorization(AccessPolicies.Analyst);
        misp.MapPost("/attributes/add/{eventId}/{**named}", AddAttributeAsync).WithName("MispAddAttribute").WithSummary("MISP: add an attribute to your organisation's event (a new version of it).").RequireAuthorization(AccessPolicies.Analyst);
        misp.MapPost("/shadowAttributes/add/{eventId}/{**named}", ProposeAsync).WithName("MispProposeAttribute").WithSummary("MISP: proposals, which Concord does not take; answers why.").RequireAuthorization(AccessPolicies.Analyst);
        misp.MapPost("/sightings/add/{**named}", SightAsync).WithName("MispAddSighting").WithSummary("MISP: record a sighting of every indicator you may read holding a value.").RequireAuthorization(AccessPolicies.Analyst);
    }

    private static async Task<JsonHttpResult<JsonNode>> Version(HttpContext context) =>
        Json(MispAnswer.Ok(MispServer.VersionAnswer(await Requests.PrincipalAsync(context))));

    private static async Task<JsonHttpResult<JsonNode>> MeAsync(HttpContext context, MispApiEvents events)
    {
        var principal = await Requests.PrincipalAsync(context);
        var organisation = principal.OrganisationId is { } org ? await events.OrganisationAsync(org, context.RequestAborted) : null;
        return Json(MispAnswer.Ok(MispServer.Me(principal, context.User, organisation)));
    }

    private static async Task<JsonHttpResult<JsonNode>> ViewAsync(
        HttpContext context, MispApiEvents events, [Description("The event's MISP uuid, or the numeric id Concord gave it.")] string id,
        [Description("MISP named parameters such as noSightings:1; accepted and ignored.")] string? named)
    {
        var principal = await Requests.PrincipalAsync(context);
        var found = await events.FindAsync(principal, id, ownCopy: false, context.RequestAborted);
        return Json(found is null ? MispAnswer.InvalidEvent(Url(context)) : MispAnswer.Ok(new JsonObject { ["Event"] = found.Event }));
    }

    private static async Task<JsonHttpResult<JsonNode>> SearchAsync(HttpContext context, MispSearch search, bool events)
    {
        var body = await BodyAsync(context);
        if (body is not { } json)
        {
            return Json(MispAnswer.Invalid(Url(context), "body", "json-syntax", "The body is not JSON."));
        }

        var filter = MispSearchFilter.Read(json, context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
        if (!filter.IsSuccess)
        {
            return Json(MispAnswer.From(filter.Error!, Url(context)));
        }

        var principal = await Requests.PrincipalAsync(context);
        JsonNode response = events
            ? await search.EventsAsync(principal, filter.Value!, context.RequestAborted)
            : new JsonObject { ["Attribute"] = await search.AttributesAsync(principal, filter.Value!, context.RequestAborted) };
        return Json(MispAnswer.Ok(new JsonObject { ["response"] = response }));
    }

    private static Task<JsonHttpResult<JsonNode>> AddEventAsync(
        HttpContext context, MispWrites writes, [Description("MISP named parameters such as metadata:1; accepted and ignored.")] string? named) =>
        WithBodyAsync(context, (principal, body) => writes.AddEventAsync(principal, body, Url(context), context.RequestAborted));

    private static Task<JsonHttpResult<JsonNode>> AddAttributeAsync(
        HttpContext context, MispWrites writes, [Description("The event's MISP uuid, or the numeric id Concord gave it.")] string eventId,
        [Description("MISP named parameters such as breakOnDuplicate:0; accepted and ignored.")] string? named) =>
        WithBodyAsync(context, (principal, body) => writes.AddAttributeAsync(principal, eventId, body, Url(context), context.RequestAborted));

    private static async Task<JsonHttpResult<JsonNode>> ProposeAsync(
        HttpContext context, MispApiEvents events, [Description("The event's MISP uuid, or the numeric id Concord gave it.")] string eventId,
        [Description("MISP named parameters; accepted and ignored.")] string? named)
    {
        var principal = await Requests.PrincipalAsync(context);
        return Json(await events.FindAsync(principal, eventId, ownCopy: false, context.RequestAborted) is null
            ? MispAnswer.InvalidEvent(Url(context))
            : MispAnswer.Fail(403, Url(context), "Concord does not take proposals: only the organisation that owns the event can add to it. Share your attribute in an event of your own, or ask the owner.", "proposals-unsupported"));
    }

    private static Task<JsonHttpResult<JsonNode>> SightAsync(
        HttpContext context, MispSightings sightings, [Description("MISP named parameters or an attribute id; Concord adds sightings by value only.")] string? named) =>
        WithBodyAsync(context, (principal, body) => sightings.AddAsync(principal, body, Url(context), context.RequestAborted));

    private static async Task<JsonHttpResult<JsonNode>> WithBodyAsync(HttpContext context, Func<Principal, JsonElement, Task<MispAnswer>> act)
    {
        if (await BodyAsync(context) is not { } body)
        {
            return Json(MispAnswer.Invalid(Url(context), "body", "json-syntax", "The body is not JSON."));
        }

        return Json(await act(await Requests.PrincipalAsync(context), body));
    }

    private static async Task<JsonElement?> BodyAsync(HttpContext context)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, default, context.RequestAborted);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The path as MISP names it in its errors: without the node's /misp prefix.</summary>
    private static string Url(HttpContext context) => context.Request.Path.Value is { } path && path.StartsWith(Prefix, StringComparison.Ordinal) ? path[Prefix.Length..] : context.Request.Path.Value ?? "/";

    private static JsonHttpResult<JsonNode> Json(MispAnswer answer) => TypedResults.Json(answer.Body, statusCode: answer.Status);
}
