using Microsoft.Extensions.Options;
using Npgsql;

namespace Ml.Sdk.Registry;

/// <summary>Checks <see cref="PostgreSqlRegistryOptions"/> at start: a connection string that Npgsql parses and that names a host.</summary>
internal sealed class PostgreSqlRegistryOptionsValidator : IValidateOptions<PostgreSqlRegistryOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgreSqlRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail("PostgreSqlRegistryOptions.ConnectionString is required.");
        }

        try
        {
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return string.IsNullOrWhiteSpace(builder.Host)
                ? ValidateOptionsResult.Fail("PostgreSqlRegistryOptions.ConnectionString names no Host.")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"PostgreSqlRegistryOptions.ConnectionString is not a valid Npgsql connection string: {e.Message}");
        }
    }
}
