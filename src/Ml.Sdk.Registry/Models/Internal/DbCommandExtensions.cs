using System.Data;
using System.Data.Common;

namespace Ml.Sdk.Registry.Models.Internal;

/// <summary>Terse parameterized commands: every value goes through a parameter, never into the SQL text.</summary>
internal static class DbCommandExtensions
{
    public static DbCommand Command(this DbConnection connection, DbTransaction? transaction, string sql)
    {
        DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>
    /// Adds a parameter typed from <typeparamref name="T"/>, so that a <see langword="null"/> still has a type
    /// (PostgreSQL cannot infer one for <c>@p IS NULL</c>).
    /// </summary>
    public static DbCommand With<T>(this DbCommand command, string name, T value)
    {
        DbParameter parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = (object?)value ?? DBNull.Value;
        Type type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (type == typeof(string))
        {
            parameter.DbType = DbType.String;
        }
        else if (type == typeof(int))
        {
            parameter.DbType = DbType.Int32;
        }
        else if (type == typeof(long))
        {
            parameter.DbType = DbType.Int64;
        }

        command.Parameters.Add(parameter);
        return command;
    }
}
