using Concord.Access;
using Concord.Incidents.Data;
using Concord.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Concord.Incidents.Features.Sharing;

/// <summary>
/// "Case shared with you": read as the recipient through the visibility door, so a case the owner has since stopped
/// sharing with the recipient (or made invisible to it) renders nothing and that recipient is told nothing.
/// </summary>
internal sealed class CaseSharedRenderer(IncidentsDbContext db, IAccessDirectory access) : INotificationRenderer
{
    public static readonly NotificationKind Kind = new(
        "case-shared",
        "Cases shared with you",
        "Another member organisation shared an incident case with your organisation: you may read it and contribute.",
        EmailByDefault: true);

    string INotificationRenderer.Kind => Kind.Name;

    public async Task<RenderedNotification?> RenderAsync(string subjectId, Principal reader, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(subjectId, out var id)
            || await db.Cases.Apply(reader).AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken) is not { } row)
        {
            return null;
        }

        var owner = (await access.FindOrganisationAsync(row.OwnerOrgId, cancellationToken))?.Name ?? "A member";
        var category = IncidentTaxonomy.Find(row.Category)?.Name ?? row.Category;
        return new RenderedNotification(
            $"Case shared with you: {row.Title}",
            $"{owner} shared the case \"{row.Title}\" ({category}, severity {IncidentJson.Name((CaseSeverity)row.Severity)}, TLP:{Distribution.Label(row.Tlp)}) with your organisation.",
            $"/cases/{row.Id}");
    }
}
