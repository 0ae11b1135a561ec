//
// TextFormat.h
//
// Library: OrgsPlugin
// Package: Metrics
// Module:  TextFormat
//
// The Prometheus text exposition format, version 0.0.4.
//


#ifndef Orgs_TextFormat_INCLUDED
#define Orgs_TextFormat_INCLUDED


#include "metrics/Histogram.h"
#include <string>
#include <utility>
#include <vector>


namespace Orgs {
namespace Metrics {


using Labels = std::vector<std::pair<std::string, std::string>>;
	/// Label names and values, in the order they are written.


class TextFormat
	/// Writes metric families in the text format that Prometheus scrapes
	/// (Content-Type: text/plain; version=0.0.4): for each family a # HELP and a # TYPE line,
	/// then its samples, one per line, "name{label="value",...} value". Label values escape
	/// backslash, double quote and line feed; help text escapes backslash and line feed.
	/// A histogram writes name_bucket{...,le="..."} for each bound and le="+Inf", then
	/// name_sum and name_count. The caller keeps a family's samples together.
{
public:
	static const std::string CONTENT_TYPE;

	void family(const std::string& name, const std::string& help, const std::string& type);
		/// Starts a family: type is "counter", "gauge" or "histogram".

	void sample(const std::string& name, const Labels& labels, double value);
		/// Writes one sample (name may carry a suffix such as _total).

	void histogram(const std::string& name, const Labels& labels, const Histogram::Snapshot& snapshot);
		/// Writes a histogram's buckets, sum and count.

	const std::string& text() const;

	static std::string escapeLabelValue(const std::string& value);
	static std::string escapeHelp(const std::string& help);
	static std::string number(double value);
		/// Integers without a fraction, others with up to 17 significant digits; +Inf, -Inf, NaN.

private:
	void labels(const Labels& labels, const std::pair<std::string, std::string>* pExtra);

	std::string _text;
};


inline const std::string& TextFormat::text() const
{
	return _text;
}


} // namespace Metrics
} // namespace Orgs


#endif // Orgs_TextFormat_INCLUDED
