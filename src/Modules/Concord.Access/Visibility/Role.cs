namespace Concord.Access;

/// <summary>What a user may do. Roles grant actions, never extra read access to intelligence.</summary>
public enum Role
{
    ReadOnly = 0,
    Analyst = 1,
    OrgAdmin = 2,
    Secretariat = 3,
    NodeAdmin = 4,
}
