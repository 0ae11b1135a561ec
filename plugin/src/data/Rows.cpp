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


Rows::Rows(Poco::Data::RecordSet& rs) : _rs(rs)
{
	const std::size_t columns = _rs.columnCount();
	_types.reserve(columns);
	for (std::size_t i = 0; i < columns; ++i)
		_types.push_back(_rs.columnType(i));
}


bool Rows::isNull(std::size_t row, std::size_t col) const
{
	return _rs.isNull(col, row);
}


Poco::Int64 Rows::integer(std::size_t row, std::size_t col) const
{
	if (isNull(row, col))
		return 0;
	if (_types[col] == Poco::Data::MetaColumn::FDT_INT64)
		return _rs.value<Poco::Int64>(col, row);
	return _rs.value(col, row).convert<Poco::Int64>();
}


Poco::Nullable<Poco::Int64> Rows::nullableInteger(std::size_t row, std::size_t col) const
{
	if (isNull(row, col))
		return Poco::Nullable<Poco::Int64>();
	return integer(row, col);
}


std::string Rows::text(std::size_t row, std::size_t col) const
{
	if (isNull(row, col))
		return std::string();
	if (_types[col] == Poco::Data::MetaColumn::FDT_STRING)
		return _rs.value<std::string>(col, row);
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
