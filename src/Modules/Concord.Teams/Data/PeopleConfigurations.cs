using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Concord.Teams.Data;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<ContactRow>
{
    public void Configure(EntityTypeBuilder<ContactRow> builder)
    {
        builder.ToTable("teams_contacts");
        builder.HasKey(c => new { c.OrganisationId, c.Position });
        builder.Property(c => c.OrganisationId).HasColumnName("organisation_id");
        builder.Property(c => c.Position).HasColumnName("position");
        builder.Property(c => c.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(c => c.Role).HasColumnName("role").HasMaxLength(200);
        builder.Property(c => c.Email).HasColumnName("email").HasMaxLength(320);
        builder.Property(c => c.Phone).HasColumnName("phone").HasMaxLength(40);
    }
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<PersonRow>
{
    public void Configure(EntityTypeBuilder<PersonRow> builder)
    {
        builder.ToTable("teams_people");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(p => p.OrganisationId).HasColumnName("organisation_id");
        builder.Property(p => p.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(p => p.Role).HasColumnName("role").HasMaxLength(200);
        builder.Property(p => p.Email).HasColumnName("email").HasMaxLength(320);
        builder.Property(p => p.Phone).HasColumnName("phone").HasMaxLength(40);
        builder.HasIndex(p => p.OrganisationId).HasDatabaseName("ix_teams_people_organisation");
    }
}

internal sealed class KeyConfiguration : IEntityTypeConfiguration<KeyRow>
{
    public void Configure(EntityTypeBuilder<KeyRow> builder)
    {
        builder.ToTable("teams_keys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(k => k.OrganisationId).HasColumnName("organisation_id");
        builder.Property(k => k.PersonId).HasColumnName("person_id");
        builder.Property(k => k.Position).HasColumnName("position");
        builder.Property(k => k.Fingerprint).HasColumnName("fingerprint").HasMaxLength(40);
        builder.Property(k => k.Armoured).HasColumnName("armoured");
        builder.Property(k => k.CreatedUs).HasColumnName("created_us");
        builder.Property(k => k.ExpiresUs).HasColumnName("expires_us");
        builder.Property(k => k.UserIds).HasColumnName("user_ids");
        builder.Property(k => k.Algorithm).HasColumnName("algorithm").HasMaxLength(40);
        builder.HasIndex(k => k.OrganisationId).HasDatabaseName("ix_teams_keys_organisation");
    }
}
