//
// Rows.cpp
//
// Library: OrgsPlugin
// Package: Data
// Module:  Rows
//


#include "data/Rows.h"


namespace Orgs {
namespace Data {


bool Rows::isNull(std::size_t row, std::size_t col) const
{
	return _rs.isNull(col, row);
}


Poco::Int64 Rows::integer(std::size_t row, std::size_t col) const
{
	if (isNull(row, col))
		return 0;
	return _rs.value(col, row).convert<Poco::Int64>();
}


Poco::Nullable<Poco::Int64> Rows::nullableInteger(std::size_t row, std::size_t col) const
{
	if (isNull(row, col))
		return Poco::Nullable<Poco::Int64>();
	return _rs.value(col, row).convert<Poco::Int64>();
}


std::string Rows::text(std::size_t row, std::size_t col) const
{
	if (isNull(row, col))
		return std::string();
	return _rs.value(col, row).convert<std::string>();
}


Poco::Timestamp Rows::time(std::size_t row, std::size_t col) const
{
	return Poco::Timestamp(integer(row, col));
}


Poco::Nullable<Poco::Timestamp> Rows::nullableTime(std::size_t row, std::size_t col) const
{
	if (isNull(row, col))
		return Poco::Nullable<Poco::Timestamp>();
	return Poco::Timestamp(integer(row, col));
}


} // namespace Data
} // namespace Orgs
