//
// Filter.cpp
//
// Library: OrgsPlugin
// Package: Scim
// Module:  Filter
//


#include "scim/Filter.h"
#include "scim/Json.h"
#include "scim/Value.h"
#include "Orgs/Errors.h"
#include "Poco/JSON/Array.h"
#include "Poco/NumberParser.h"
#include "Poco/String.h"
#include "Poco/UTF8String.h"
#include <cctype>
#include <map>


namespace Orgs {
namespace Scim {


struct Filter::Node
{
	enum class Kind
	{
		AND,
		OR,
		NOT,
		COMPARE,    ///< attribute[.sub] op value
		PRESENT,    ///< attribute[.sub] pr
		VALUE_PATH, ///< attribute[left][.sub] [op value]
		IGNORED     ///< an attribute Orgs does not store: matches nothing
	};

	Kind kind = Kind::COMPARE;
	std::shared_ptr<const Node> pLeft;     ///< AND, OR, NOT; VALUE_PATH: the filter in brackets
	std::shared_ptr<const Node> pRight;    ///< AND, OR
	const Attribute* pAttribute = nullptr; ///< the member read from the object
	const Attribute* pSub = nullptr;       ///< its sub-attribute, or null
	const Attribute* pParent = nullptr;    ///< inside brackets: the attribute the brackets belong to
	std::string extension;                 ///< the URN of the object that holds pAttribute, or ""
	std::string op;                        ///< eq ne co sw ew gt ge lt le pr; VALUE_PATH: "" for none
	Poco::Dynamic::Var value;              ///< as parsed (empty for null)
	std::string text;                      ///< string value, lower-cased unless caseExact
	std::string path;                      ///< canonical attribute path, for toString()

	const Attribute* leaf() const
		/// The attribute whose values are compared.
	{
		if (pSub)
			return pSub;
		if (pAttribute && pAttribute->type == Attribute::Type::COMPLEX)
			return pAttribute->subAttribute("value");
		return pAttribute;
	}
};


namespace {


using Node = Filter::Node;
using NodePtr = std::shared_ptr<const Node>;


[[noreturn]] void fail(const std::string& why)
{
	throw InvalidInputException("The filter is not valid: " + why, "invalidFilter");
}


struct Token
{
	enum class Kind
	{
		END,
		WORD,
		STRING,
		LPAREN,
		RPAREN,
		LBRACKET,
		RBRACKET,
		DOT
	};
	Kind kind = Kind::END;
	std::string text;
	std::size_t position = 0;
};


void appendUtf8(std::string& out, unsigned code)
{
	if (code < 0x80)
		out += static_cast<char>(code);
	else if (code < 0x800)
	{
		out += static_cast<char>(0xC0 | (code >> 6));
		out += static_cast<char>(0x80 | (code & 0x3F));
	}
	else if (code < 0x10000)
	{
		out += static_cast<char>(0xE0 | (code >> 12));
		out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
		out += static_cast<char>(0x80 | (code & 0x3F));
	}
	else
	{
		out += static_cast<char>(0xF0 | (code >> 18));
		out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
		out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
		out += static_cast<char>(0x80 | (code & 0x3F));
	}
}


bool isWordChar(char c)
{
	return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$' || c == ':' || c == '.' || c == '-' ||
	       c == '+';
}


std::vector<Token> tokenize(const std::string& text)
{
	std::vector<Token> tokens;
	std::size_t i = 0;
	while (i < text.size())
	{
		const char c = text[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
		{
			++i;
			continue;
		}
		Token t;
		t.position = i;
		if (c == '(' || c == ')' || c == '[' || c == ']')
		{
			t.kind = c == '('   ? Token::Kind::LPAREN
			         : c == ')' ? Token::Kind::RPAREN
			         : c == '[' ? Token::Kind::LBRACKET
			                    : Token::Kind::RBRACKET;
			t.text = std::string(1, c);
			++i;
		}
		else if (c == '.' && !tokens.empty() && tokens.back().kind == Token::Kind::RBRACKET)
		{
			t.kind = Token::Kind::DOT;
			t.text = ".";
			++i;
		}
		else if (c == '"')
		{
			// A JSON string (RFC 7644: compValue is a JSON string).
			t.kind = Token::Kind::STRING;
			++i;
			bool closed = false;
			while (i < text.size())
			{
				const char d = text[i++];
				if (d == '"')
				{
					closed = true;
					break;
				}
				if (d != '\\')
				{
					t.text += d;
					continue;
				}
				if (i >= text.size())
					break;
				const char e = text[i++];
				switch (e)
				{
				case '"':
				case '\\':
				case '/':
					t.text += e;
					break;
				case 'b':
					t.text += '\b';
					break;
				case 'f':
					t.text += '\f';
					break;
				case 'n':
					t.text += '\n';
					break;
				case 'r':
					t.text += '\r';
					break;
				case 't':
					t.text += '\t';
					break;
				case 'u':
				{
					auto hex4 = [&](unsigned& code) {
						if (i + 4 > text.size())
							return false;
						code = 0;
						for (int k = 0; k < 4; ++k)
						{
							const char h = text[i++];
							code <<= 4;
							if (h >= '0' && h <= '9')
								code |= static_cast<unsigned>(h - '0');
							else if (h >= 'a' && h <= 'f')
								code |= static_cast<unsigned>(h - 'a' + 10);
							else if (h >= 'A' && h <= 'F')
								code |= static_cast<unsigned>(h - 'A' + 10);
							else
								return false;
						}
						return true;
					};
					unsigned code = 0;
					if (!hex4(code))
						fail("a \\u escape needs four hexadecimal digits (at " + std::to_string(t.position) + ")");
					if (code >= 0xD800 && code <= 0xDBFF && i + 1 < text.size() && text[i] == '\\' &&
					    text[i + 1] == 'u')
					{
						i += 2;
						unsigned low = 0;
						if (!hex4(low) || low < 0xDC00 || low > 0xDFFF)
							fail("a broken surrogate pair in a string");
						code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
					}
					else if (code >= 0xD800 && code <= 0xDFFF)
						fail("a lone surrogate in a string");
					appendUtf8(t.text, code);
					break;
				}
				default:
					fail("an unknown escape \\" + std::string(1, e) + " in a string");
				}
			}
			if (!closed)
				fail("a string is not closed (it starts at " + std::to_string(t.position) + ")");
		}
		else if (isWordChar(c))
		{
			t.kind = Token::Kind::WORD;
			while (i < text.size() && isWordChar(text[i]))
				t.text += text[i++];
		}
		else
			fail("unexpected character '" + std::string(1, c) + "' at " + std::to_string(i));
		tokens.push_back(t);
	}
	Token end;
	end.position = text.size();
	tokens.push_back(end);
	return tokens;
}


bool isCompareOp(const std::string& word)
{
	static const char* ops[] = {"eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"};
	for (const char* op : ops)
	{
		if (Poco::icompare(word, op) == 0)
			return true;
	}
	return false;
}


std::string lower(const std::string& text)
{
	return Poco::toLower(text);
}


class Parser
{
public:
	Parser(const std::string& text, const Schema& schema, const Schema::Path* pWithin)
	    : _tokens(tokenize(text)), _schema(schema), _pWithin(pWithin)
	{
	}

	NodePtr parse()
	{
		if (peek().kind == Token::Kind::END)
			fail("it is empty");
		NodePtr root = parseOr();
		if (peek().kind != Token::Kind::END)
			fail("unexpected \"" + peek().text + "\" at " + std::to_string(peek().position));
		return root;
	}

private:
	const Token& peek() const { return _tokens[_next]; }

	const Token& take() { return _tokens[_next < _tokens.size() - 1 ? _next++ : _next]; }

	bool peekWord(const char* word) const
	{
		return peek().kind == Token::Kind::WORD && Poco::icompare(peek().text, word) == 0;
	}

	void expect(Token::Kind kind, const char* what)
	{
		if (peek().kind != kind)
		{
			const Token& t = peek();
			fail(std::string("expected ") + what + " at " + std::to_string(t.position) +
			     (t.kind == Token::Kind::END ? " (the end)" : ", found \"" + t.text + "\""));
		}
		take();
	}

	NodePtr parseOr()
	{
		NodePtr left = parseAnd();
		while (peekWord("or"))
		{
			take();
			auto pNode = std::make_shared<Node>();
			pNode->kind = Node::Kind::OR;
			pNode->pLeft = left;
			pNode->pRight = parseAnd();
			left = pNode;
		}
		return left;
	}

	NodePtr parseAnd()
	{
		NodePtr left = parseUnary();
		while (peekWord("and"))
		{
			take();
			auto pNode = std::make_shared<Node>();
			pNode->kind = Node::Kind::AND;
			pNode->pLeft = left;
			pNode->pRight = parseUnary();
			left = pNode;
		}
		return left;
	}

	NodePtr parseUnary()
	{
		if (peekWord("not") && _tokens[_next + 1].kind == Token::Kind::LPAREN)
		{
			take();
			take();
			auto pNode = std::make_shared<Node>();
			pNode->kind = Node::Kind::NOT;
			pNode->pLeft = parseOr();
			expect(Token::Kind::RPAREN, "\")\"");
			return pNode;
		}
		if (peek().kind == Token::Kind::LPAREN)
		{
			take();
			NodePtr inner = parseOr();
			expect(Token::Kind::RPAREN, "\")\"");
			return inner;
		}
		return parseAttributeExpression();
	}

	NodePtr parseAttributeExpression()
	{
		if (peek().kind != Token::Kind::WORD)
			fail("expected an attribute at " + std::to_string(peek().position));
		const Token name = take();
		auto pNode = std::make_shared<Node>();
		resolve(name.text, *pNode);

		if (peek().kind == Token::Kind::LBRACKET)
		{
			if (_pWithin)
				fail("brackets cannot nest (at " + std::to_string(peek().position) + ")");
			take();
			pNode->kind = Node::Kind::VALUE_PATH;
			if (pNode->pAttribute)
			{
				if (pNode->pSub || pNode->pAttribute->type != Attribute::Type::COMPLEX)
					fail("\"" + name.text + "\" has no values to filter in brackets");
				Schema::Path within = _schema.resolve(name.text);
				Parser inner(std::string(), _schema, &within);
				inner._tokens.assign(_tokens.begin() + static_cast<std::ptrdiff_t>(_next), _tokens.end());
				if (inner.peek().kind == Token::Kind::RBRACKET)
					fail("empty brackets after \"" + name.text + "\"");
				pNode->pLeft = inner.parseOr();
				_next += inner._next;
			}
			else
				skipBrackets();
			expect(Token::Kind::RBRACKET, "\"]\"");
			if (peek().kind == Token::Kind::DOT)
			{
				take();
				if (peek().kind != Token::Kind::WORD)
					fail("expected a sub-attribute after \"].\"");
				const Token sub = take();
				if (pNode->pAttribute)
				{
					pNode->pSub = pNode->pAttribute->subAttribute(sub.text);
					if (!pNode->pSub)
						fail("\"" + name.text + "\" has no sub-attribute \"" + sub.text + "\"");
				}
				pNode->path += "." + (pNode->pSub ? pNode->pSub->name : sub.text);
			}
			else
				return finish(pNode);
		}

		if (peek().kind != Token::Kind::WORD)
			fail("expected an operator after \"" + name.text + "\"");
		const Token op = take();
		pNode->op = lower(op.text);
		if (pNode->op != "pr" && !isCompareOp(pNode->op))
			fail("unknown operator \"" + op.text + "\"");
		if (pNode->op != "pr")
			readValue(*pNode);
		if (pNode->kind != Node::Kind::VALUE_PATH)
			pNode->kind = pNode->op == "pr" ? Node::Kind::PRESENT : Node::Kind::COMPARE;
		return finish(pNode);
	}

	NodePtr finish(const std::shared_ptr<Node>& pNode)
	{
		if (!pNode->pAttribute)
		{
			pNode->kind = Node::Kind::IGNORED;
			return pNode;
		}
		if (pNode->op.empty() || pNode->op == "pr")
			return pNode;
		const Attribute* pLeaf = pNode->leaf();
		if (!pLeaf)
			fail("\"" + pNode->path + "\" is complex: compare one of its sub-attributes");
		const std::string& op = pNode->op;
		if (Value::isNull(pNode->value))
		{
			if (op != "eq" && op != "ne")
				fail("only eq and ne compare with null");
			return pNode;
		}
		switch (pLeaf->type)
		{
		case Attribute::Type::BOOLEAN:
			if (op != "eq" && op != "ne")
				fail("\"" + pNode->path + "\" is a boolean: only eq, ne and pr apply");
			if (pNode->value.type() != typeid(bool))
			{
				const std::string text = pNode->value.isString() ? pNode->value.convert<std::string>() : "";
				if (Poco::icompare(text, "true") != 0 && Poco::icompare(text, "false") != 0)
					fail("\"" + pNode->path + "\" is a boolean: compare it with true or false");
				pNode->value = Poco::icompare(text, "true") == 0;
			}
			break;
		case Attribute::Type::INTEGER:
		case Attribute::Type::DECIMAL:
			if (op == "co" || op == "sw" || op == "ew")
				fail("\"" + pNode->path + "\" is a number: co, sw and ew do not apply");
			if (!pNode->value.isNumeric() || pNode->value.type() == typeid(bool))
				fail("\"" + pNode->path + "\" is a number: compare it with a number");
			break;
		case Attribute::Type::COMPLEX:
			fail("\"" + pNode->path + "\" is complex: compare one of its sub-attributes");
		default:
			if (!pNode->value.isString())
				fail("\"" + pNode->path + "\" is a string: compare it with a string in quotes");
			pNode->text = pNode->value.extract<std::string>();
			if (!pLeaf->caseExact)
				pNode->text = lower(pNode->text);
			break;
		}
		return pNode;
	}

	void skipBrackets()
	{
		// An attribute Orgs does not store: its filter is checked for syntax only.
		while (peek().kind != Token::Kind::RBRACKET && peek().kind != Token::Kind::END)
			take();
	}

	void resolve(const std::string& name, Node& node)
	{
		if (_pWithin)
		{
			node.pParent = _pWithin->attribute;
			node.pAttribute = _pWithin->attribute->subAttribute(name);
			if (!node.pAttribute)
				fail("\"" + _pWithin->attribute->name + "\" has no sub-attribute \"" + name + "\"");
			node.path = node.pAttribute->name;
			return;
		}
		const Schema::Path path = _schema.require(name, "invalidFilter");
		node.path = path.found() ? path.text() : name;
		if (!path.found())
			return;
		node.pAttribute = path.attribute;
		node.pSub = path.subAttribute;
		if (path.extension)
			node.extension = path.schema;
	}

	void readValue(Node& node)
	{
		const Token t = take();
		if (t.kind == Token::Kind::STRING)
		{
			node.value = t.text;
			return;
		}
		if (t.kind != Token::Kind::WORD)
			fail("expected a value at " + std::to_string(t.position));
		if (t.text == "true" || t.text == "false")
		{
			node.value = t.text == "true";
			return;
		}
		if (t.text == "null")
			return;
		Poco::Int64 integer = 0;
		double number = 0;
		if (t.text.find_first_of(".eE") == std::string::npos && Poco::NumberParser::tryParse64(t.text, integer))
			node.value = integer;
		else if (t.text.find_first_not_of("0123456789+-.eE") == std::string::npos &&
		         Poco::NumberParser::tryParseFloat(t.text, number))
			node.value = number;
		else
			fail("\"" + t.text + "\" is not a value (strings are in double quotes)");
	}

	std::vector<Token> _tokens;
	std::size_t _next = 0;
	const Schema& _schema;
	const Schema::Path* _pWithin;
};


Poco::JSON::Object::Ptr containerOf(const Poco::JSON::Object& resource, const Node& node)
{
	if (node.extension.empty())
		return nullptr;
	return Json::object(Json::get(resource, node.extension));
}


std::vector<Poco::Dynamic::Var> itemsOf(const Poco::JSON::Object& resource, const Node& node)
	/// The values of the node's attribute: the elements of a multi-valued one, else the value.
{
	std::vector<Poco::Dynamic::Var> items;
	const Poco::JSON::Object* pContainer = &resource;
	Poco::JSON::Object::Ptr pExtension;
	if (!node.extension.empty())
	{
		pExtension = containerOf(resource, node);
		if (!pExtension)
			return items;
		pContainer = pExtension.get();
	}
	const Poco::Dynamic::Var value = Json::get(*pContainer, node.pAttribute->name);
	if (Value::isNull(value))
		return items;
	if (auto pArray = Json::array(value))
	{
		for (unsigned i = 0; i < pArray->size(); ++i)
			items.push_back(pArray->get(i));
	}
	else
		items.push_back(value);
	return items;
}


Poco::Dynamic::Var memberOf(const Poco::Dynamic::Var& item, const Attribute* pSub)
{
	auto pObject = Json::object(item);
	if (!pObject || !pSub)
		return Poco::Dynamic::Var();
	return Json::get(*pObject, pSub->name);
}


bool present(const Poco::Dynamic::Var& value)
{
	if (Value::isNull(value))
		return false;
	if (value.isString())
		return !value.convert<std::string>().empty();
	if (auto pArray = Json::array(value))
		return pArray->size() > 0;
	if (auto pObject = Json::object(value))
		return pObject->size() > 0;
	return true;
}


bool compare(const Poco::Dynamic::Var& actual, const Node& node, const Attribute& leaf)
{
	if (Value::isNull(actual))
		return false;
	const std::string& op = node.op;
	switch (leaf.type)
	{
	case Attribute::Type::BOOLEAN:
	{
		bool a = false;
		if (actual.type() == typeid(bool))
			a = actual.extract<bool>();
		else if (actual.isString())
		{
			const std::string text = actual.convert<std::string>();
			if (Poco::icompare(text, "true") != 0 && Poco::icompare(text, "false") != 0)
				return false;
			a = Poco::icompare(text, "true") == 0;
		}
		else
			return false;
		const bool equal = a == node.value.extract<bool>();
		return op == "eq" ? equal : !equal;
	}
	case Attribute::Type::INTEGER:
	case Attribute::Type::DECIMAL:
	{
		if (!actual.isNumeric() || actual.type() == typeid(bool))
			return false;
		const double a = actual.convert<double>();
		const double v = node.value.convert<double>();
		if (op == "eq")
			return a == v;
		if (op == "ne")
			return a != v;
		if (op == "gt")
			return a > v;
		if (op == "ge")
			return a >= v;
		if (op == "lt")
			return a < v;
		return a <= v;
	}
	default:
		break;
	}
	if (!actual.isString())
		return false;
	const std::string a = leaf.caseExact ? actual.convert<std::string>() : lower(actual.convert<std::string>());
	const std::string& v = node.text;
	if (op == "eq")
		return a == v;
	if (op == "ne")
		return a != v;
	if (op == "co")
		return a.find(v) != std::string::npos;
	if (op == "sw")
		return a.compare(0, v.size(), v) == 0;
	if (op == "ew")
		return a.size() >= v.size() && a.compare(a.size() - v.size(), v.size(), v) == 0;
	const int c = a.compare(v);
	if (op == "gt")
		return c > 0;
	if (op == "ge")
		return c >= 0;
	if (op == "lt")
		return c < 0;
	return c <= 0;
}


bool test(const Poco::Dynamic::Var& value, const Node& node, const Attribute* pLeaf)
	/// The node's operator on one value of its attribute.
{
	if (node.op == "pr")
		return present(value);
	if (Value::isNull(node.value))
		return node.op == "eq" ? !present(value) : present(value);
	return pLeaf && compare(value, node, *pLeaf);
}


bool evaluate(const Node& node, const Poco::JSON::Object& object)
{
	switch (node.kind)
	{
	case Node::Kind::AND:
		return evaluate(*node.pLeft, object) && evaluate(*node.pRight, object);
	case Node::Kind::OR:
		return evaluate(*node.pLeft, object) || evaluate(*node.pRight, object);
	case Node::Kind::NOT:
		return !evaluate(*node.pLeft, object);
	case Node::Kind::IGNORED:
		return false;
	case Node::Kind::COMPARE:
	case Node::Kind::PRESENT:
	{
		const std::vector<Poco::Dynamic::Var> items = itemsOf(object, node);
		const Attribute* pLeaf = node.leaf();
		const bool complex = node.pAttribute->type == Attribute::Type::COMPLEX;
		if (items.empty())
			return node.op != "pr" && Value::isNull(node.value) && node.op == "eq";
		if (Value::isNull(node.value) && node.op == "eq")
		{
			for (const auto& item : items)
			{
				if (present(complex ? memberOf(item, pLeaf) : item))
					return false;
			}
			return true;
		}
		for (const auto& item : items)
		{
			const Poco::Dynamic::Var value = complex ? memberOf(item, pLeaf) : item;
			if (test(value, node, pLeaf))
				return true;
		}
		return false;
	}
	case Node::Kind::VALUE_PATH:
	{
		for (const auto& item : itemsOf(object, node))
		{
			auto pElement = Json::object(item);
			if (!pElement || !evaluate(*node.pLeft, *pElement))
				continue;
			if (node.op.empty())
				return true;
			if (test(Json::get(*pElement, node.pSub->name), node, node.pSub))
				return true;
		}
		return false;
	}
	}
	return false;
}


bool isString(const Node& node)
{
	return !Value::isNull(node.value) && node.value.isString();
}


bool isEmailValue(const Node& node)
	/// An eq on emails.value inside brackets: emails[value eq "x"].
{
	return node.kind == Node::Kind::COMPARE && node.op == "eq" && isString(node) && node.pParent &&
	       node.pParent->name == "emails" && node.pAttribute->name == "value";
}


void collectEqualities(const Node& node, std::map<int, Filter::Equality>& found)
{
	if (node.kind == Node::Kind::AND)
	{
		collectEqualities(*node.pLeft, found);
		collectEqualities(*node.pRight, found);
		return;
	}
	if (!node.pAttribute || !node.extension.empty() || node.pParent)
		return;
	const std::string& name = node.pAttribute->name;
	auto put = [&](int rank, const std::string& attribute, const Poco::Dynamic::Var& value) {
		if (found.count(rank) == 0)
			found[rank] = Filter::Equality{attribute, value.extract<std::string>()};
	};
	if (node.kind == Node::Kind::COMPARE && node.op == "eq" && isString(node))
	{
		if (name == "userName" && !node.pSub)
			put(0, name, node.value);
		else if (name == "externalId")
			put(1, name, node.value);
		else if (name == "emails" && (!node.pSub || node.pSub->name == "value"))
			put(2, "emails.value", node.value);
		else if (name == "displayName")
			put(3, name, node.value);
		return;
	}
	if (node.kind == Node::Kind::VALUE_PATH && name == "emails")
	{
		if (node.op == "eq" && node.pSub && node.pSub->name == "value" && isString(node))
		{
			put(2, "emails.value", node.value);
			return;
		}
		// emails[value eq "x"] or emails[type eq "work" and value eq "x"]
		std::vector<const Node*> pending{node.pLeft.get()};
		while (!pending.empty())
		{
			const Node* pInner = pending.back();
			pending.pop_back();
			if (pInner->kind == Node::Kind::AND)
			{
				pending.push_back(pInner->pLeft.get());
				pending.push_back(pInner->pRight.get());
			}
			else if (isEmailValue(*pInner))
				put(2, "emails.value", pInner->value);
		}
	}
}


std::string valueText(const Poco::Dynamic::Var& value)
{
	if (Value::isNull(value))
		return "null";
	return Json::stringify(value);
}


std::string print(const Node& node)
{
	switch (node.kind)
	{
	case Node::Kind::AND:
		return "(" + print(*node.pLeft) + " and " + print(*node.pRight) + ")";
	case Node::Kind::OR:
		return "(" + print(*node.pLeft) + " or " + print(*node.pRight) + ")";
	case Node::Kind::NOT:
		return "not (" + print(*node.pLeft) + ")";
	case Node::Kind::VALUE_PATH:
	{
		std::string out = node.pAttribute ? node.pAttribute->name : node.path;
		if (node.pAttribute && !node.extension.empty())
			out = node.extension + ":" + out;
		out += "[" + (node.pLeft ? print(*node.pLeft) : std::string("...")) + "]";
		if (node.pSub)
			out += "." + node.pSub->name;
		if (!node.op.empty())
			out += " " + node.op + (node.op == "pr" ? std::string() : " " + valueText(node.value));
		return out;
	}
	default:
		return node.path + " " + node.op + (node.op == "pr" ? std::string() : " " + valueText(node.value));
	}
}


} // namespace


Filter::Filter() {}


Filter::Filter(std::shared_ptr<const Node> pRoot) : _pRoot(std::move(pRoot)) {}


Filter Filter::parse(const std::string& text, const Schema& schema)
{
	Parser parser(text, schema, nullptr);
	return Filter(parser.parse());
}


Filter Filter::parseValueFilter(const std::string& text, const Schema& schema, const Schema::Path& within)
{
	if (!within.found() || within.subAttribute || within.attribute->type != Attribute::Type::COMPLEX)
		fail("\"" + within.text() + "\" has no values to filter in brackets");
	Parser parser(text, schema, &within);
	return Filter(parser.parse());
}


bool Filter::matches(const Poco::JSON::Object& resource) const
{
	return !_pRoot || evaluate(*_pRoot, resource);
}


bool Filter::indexedEquality(Equality& equality) const
{
	if (!_pRoot)
		return false;
	std::map<int, Equality> found;
	collectEqualities(*_pRoot, found);
	if (found.empty())
		return false;
	equality = found.begin()->second;
	return true;
}


bool Filter::equalities(std::vector<std::pair<std::string, Poco::Dynamic::Var>>& pairs) const
{
	pairs.clear();
	if (!_pRoot)
		return false;
	std::vector<const Node*> pending{_pRoot.get()};
	while (!pending.empty())
	{
		const Node* pNode = pending.back();
		pending.pop_back();
		if (pNode->kind == Node::Kind::AND)
		{
			pending.push_back(pNode->pRight.get());
			pending.push_back(pNode->pLeft.get());
			continue;
		}
		if (pNode->kind != Node::Kind::COMPARE || pNode->op != "eq" || Value::isNull(pNode->value) || pNode->pSub ||
		    pNode->pAttribute->type == Attribute::Type::COMPLEX || !pNode->extension.empty())
			return false;
		pairs.emplace_back(pNode->path, pNode->value);
	}
	return true;
}


std::string Filter::toString() const
{
	return _pRoot ? print(*_pRoot) : std::string();
}


} // namespace Scim
} // namespace Orgs
