namespace Actors.Silo.Api.Access;

/// <summary>What a caller may do. Admin includes Read.</summary>
public enum ApiRole
{
    Read,
    Admin,
}
