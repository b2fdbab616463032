/** Stylesheets do nothing under jsdom; class names are asserted instead. */
module.exports = {}
