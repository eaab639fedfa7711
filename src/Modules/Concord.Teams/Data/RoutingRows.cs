using Microsoft.EntityFrameworkCore;

namespace Concord.Teams.Data;

/// <summary>A team that opted out of one routing kind (<c>object</c>, <c>sighting</c>): routed unless a row says otherwise.</summary>
internal sealed class RoutingOptOutRow
{
    public Guid OrganisationId { get; set; }

    public string Kind { get; set; } = "";
}

/// <summary>How far constituency routing has followed one source's changes.</summary>
internal sealed class RoutingMarkRow
{
    public string Source { get; set; } = "";

    public long Position { get; set; }
}

/// <summary>The routing tables' mapping, kept beside their rows so the context only calls it.</summary>
internal static class RoutingRows
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        var optOut = modelBuilder.Entity<RoutingOptOutRow>();
        optOut.ToTable("teams_routing_opt_outs");
        optOut.HasKey(o => new { o.OrganisationId, o.Kind });
        optOut.Property(o => o.OrganisationId).HasColumnName("organisation_id");
        optOut.Property(o => o.Kind).HasColumnName("kind").HasMaxLength(40);

        var mark = modelBuilder.Entity<RoutingMarkRow>();
        mark.ToTable("teams_routing_marks");
        mark.HasKey(m => m.Source);
        mark.Property(m => m.Source).HasColumnName("source").HasMaxLength(40);
        mark.Property(m => m.Position).HasColumnName("position");
    }
}
