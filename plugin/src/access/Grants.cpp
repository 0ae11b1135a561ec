//
// Grants.cpp
//
// Library: OrgsPlugin
// Package: Access
// Module:  Grants
//


#include "access/Grants.h"


namespace Orgs {
namespace Access {


Grants::~Grants() = default;


} // namespace Access
} // namespace Orgs
