using System.ComponentModel.DataAnnotations;

namespace Ml.Sdk.Registry;

/// <summary>Options of the PostgreSQL registry: which database holds the metadata.</summary>
/// <remarks>
/// Validated when the host starts. Artifacts stay in the content-addressed folder under <see cref="RegistryOptions.RootPath"/>,
/// which every machine must mount at the same place (a shared volume).
/// </remarks>
public sealed class PostgreSqlRegistryOptions
{
    /// <summary>Gets or sets the Npgsql connection string, e.g. <c>Host=db;Port=5432;Username=ml;Password=...;Database=ml</c>.</summary>
    /// <value>Required. The role needs to create tables in the database on first use.</value>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;
}
